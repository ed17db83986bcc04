import { Alert, Badge, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'wouter';
import { call } from '../api/client';
import type { Campaign } from '../api/types';
import { formatDateTime } from '../format';
import { errorMessage } from '../i18n/errors';
import { useLocale, useT } from '../i18n/locale';
import { forgetRefusedToken } from '../OperatorSignIn';
import { dashboardMessages, stateColour } from './messages';
import { formatTimeSlot } from '../format';

/** Every campaign's sessions in time order, each with its state and a way in. */
export function SessionList({ campaigns }: { campaigns: Campaign[] }) {
  const t = useT(dashboardMessages);
  const { locale } = useLocale();
  const withSessions = campaigns.filter((campaign) => campaign.sessions.length > 0);
  if (withSessions.length === 0) return <Text c="dimmed">{t('noSessions')}</Text>;
  return (
    <Stack gap="lg">
      {withSessions.map((campaign) => (
        <section key={campaign.id} aria-labelledby={`campaign-${campaign.id}`}>
          <Title order={2} size="h3" id={`campaign-${campaign.id}`} mb="xs">
            {campaign.name}
          </Title>
          <Stack component="ul" gap="xs" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {[...campaign.sessions]
              .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
              .map((session) => (
                <li key={session.id}>
                  <Paper withBorder p="sm">
                    <Group justify="space-between" wrap="nowrap">
                      <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
                        <Badge color={stateColour[session.state]} variant="filled" style={{ flexShrink: 0 }}>
                          {t(`state_${session.state}` as const)}
                        </Badge>
                        <Text className="tabular" truncate>
                          {formatTimeSlot(session.startsAt, session.endsAt, locale)}
                        </Text>
                      </Group>
                      <Button
                        component={Link}
                        href={`/${session.id}`}
                        variant={session.state === 'live' ? 'filled' : 'light'}
                        size="sm"
                        aria-label={`${t('open')} ${campaign.name} ${formatDateTime(session.startsAt, locale)}`}
                        style={{ flexShrink: 0 }}
                      >
                        {t('open')}
                      </Button>
                    </Group>
                  </Paper>
                </li>
              ))}
          </Stack>
        </section>
      ))}
    </Stack>
  );
}

/** Loads the operator's campaigns and lists them; a refused token goes back to the sign-in form. */
export function SessionPicker({ token }: { token: string }) {
  const t = useT(dashboardMessages);
  const { locale } = useLocale();
  const [campaigns, setCampaigns] = useState<Campaign[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      const answer = await call<{ campaigns: Campaign[] }>('/api/admin/campaigns', { token });
      setCampaigns(answer.campaigns);
    } catch (failure) {
      forgetRefusedToken(failure);
      setError(failure);
    }
  }, [token]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Stack>
      <div>
        <Title order={1} size="h2">
          {t('pickTitle')}
        </Title>
        <Text c="dimmed">{t('pickHint')}</Text>
      </div>
      {error ? (
        <Alert color="red" role="alert">
          <Group justify="space-between">
            <Text inherit>{t('loadFailed', { message: errorMessage(error, locale) })}</Text>
            <Button size="xs" variant="white" color="red" onClick={() => void load()}>
              {t('retry')}
            </Button>
          </Group>
        </Alert>
      ) : campaigns === null ? (
        <Loader aria-label={t('waiting')} />
      ) : (
        <SessionList campaigns={campaigns} />
      )}
    </Stack>
  );
}
