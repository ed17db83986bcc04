import { Alert, Anchor, Breadcrumbs, Group, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import type { Campaign, Session } from '../api/types';
import { formatDateTime, formatTimeSlot } from '../format';
import { errorMessage } from '../i18n/errors';
import { useLocale, useT } from '../i18n/locale';
import { learnServerTime, serverNow } from '../serverClock';
import { campaignTypeLabels } from './labels';
import { useOperatorCall } from './operatorApi';
import { type SessionBody, SessionForm } from './SessionForm';
import { StateBadge } from './SessionStates';
import { usePolling } from './usePolling';
import { defaultPaymentMinutes, isoToLocal, quickSessionPreset, type SessionFormValues } from './validation';

const messages = {
  'zh-CN': {
    campaigns: '活动',
    sessions: '场次',
    slot: '时间段',
    state: '状态',
    items: '商品数',
    links: '链接',
    manage: '管理',
    shop: '活动页',
    dashboard: '大屏',
    none: '还没有场次，在下面添加一个。',
    loading: '加载中…',
    type: '类型：{value}',
    dates: '活动时间：{value}',
  },
  en: {
    campaigns: 'Campaigns',
    sessions: 'Sessions',
    slot: 'Time slot',
    state: 'State',
    items: 'Items',
    links: 'Links',
    manage: 'Manage',
    shop: 'Shop page',
    dashboard: 'Dashboard',
    none: 'No sessions yet — add one below.',
    loading: 'Loading…',
    type: 'Type: {value}',
    dates: 'Campaign dates: {value}',
  },
};

/** A campaign's sessions, each with its state, item count and the pages that show it. */
export function CampaignView({ campaign, itemCounts }: { campaign: Campaign; itemCounts: Record<string, number> }) {
  const t = useT(messages);
  const tt = useT(campaignTypeLabels);
  const { locale } = useLocale();
  return (
    <Stack>
      <Breadcrumbs>
        <Anchor component={Link} href="/">
          {t('campaigns')}
        </Anchor>
        <Text span>{campaign.name}</Text>
      </Breadcrumbs>
      <Title order={1} fz="h2">
        {campaign.name}
      </Title>
      <Group gap="lg">
        <Text size="sm">
          {t('type', { value: tt(campaign.type) })}
        </Text>
        <Text size="sm" className="tabular">
          {t('dates', { value: `${formatDateTime(campaign.startsAt, locale)} – ${formatDateTime(campaign.endsAt, locale)}` })}
        </Text>
      </Group>
      <Title order={2} fz="h3">
        {t('sessions')}
      </Title>
      {campaign.sessions.length === 0 ? (
        <Text c="dimmed">{t('none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={680}>
          <Table striped verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('slot')}</Table.Th>
                <Table.Th>{t('state')}</Table.Th>
                <Table.Th>{t('items')}</Table.Th>
                <Table.Th>{t('links')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {campaign.sessions.map((session) => (
                <Table.Tr key={session.id} data-session={session.id}>
                  <Table.Td className="tabular">{formatTimeSlot(session.startsAt, session.endsAt, locale)}</Table.Td>
                  <Table.Td>
                    <StateBadge state={session.state} />
                  </Table.Td>
                  <Table.Td className="tabular">{itemCounts[session.id] ?? '–'}</Table.Td>
                  <Table.Td>
                    <Group gap="md">
                      <Anchor component={Link} href={`/sessions/${session.id}`} aria-label={`${t('manage')} ${formatTimeSlot(session.startsAt, session.endsAt, locale)}`}>
                        {t('manage')}
                      </Anchor>
                      <Anchor component={Link} href={`~/campaigns/${campaign.id}?session=${session.id}`}>
                        {t('shop')}
                      </Anchor>
                      <Anchor component={Link} href={`~/dashboard/${session.id}`}>
                        {t('dashboard')}
                      </Anchor>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

/** A new session's form starts as the quick preset when the campaign allows it, else at the campaign's start. */
export function newSessionValues(campaign: { startsAt: string; endsAt: string }, now: number): SessionFormValues {
  const preset = quickSessionPreset(now);
  const start = Date.parse(campaign.startsAt);
  if (new Date(preset.startsAt).getTime() >= start && new Date(preset.endsAt).getTime() <= Date.parse(campaign.endsAt)) return preset;
  return {
    startsAt: isoToLocal(start),
    endsAt: isoToLocal(Math.min(start + 30 * 60_000, Date.parse(campaign.endsAt))),
    paymentMinutes: defaultPaymentMinutes,
  };
}

export function CampaignPage({ id }: { id: string }) {
  const t = useT(messages);
  const { locale } = useLocale();
  const operator = useOperatorCall();
  const loaded = usePolling(
    async () => {
      const campaign = await operator<Campaign>(`/api/admin/campaigns/${id}`);
      // Item counts come with each session; a campaign has a handful of sessions.
      const sessions = await Promise.all(campaign.sessions.map((s) => operator<Session>(`/api/admin/sessions/${s.id}`)));
      if (sessions[0]) learnServerTime(sessions[0].serverTime);
      return { campaign, itemCounts: Object.fromEntries(sessions.map((s) => [s.id, s.items.length])) };
    },
    `campaign-${id}`,
    5_000,
  );
  const addSession = async (body: SessionBody) => {
    await operator(`/api/admin/campaigns/${id}/sessions`, { method: 'POST', body });
    loaded.reload();
  };
  return (
    <Stack>
      {loaded.error ? (
        <Alert color="red" role="alert">
          {errorMessage(loaded.error, locale)}
        </Alert>
      ) : null}
      {loaded.data ? (
        <>
          <CampaignView campaign={loaded.data.campaign} itemCounts={loaded.data.itemCounts} />
          <SessionForm mode="add" campaign={loaded.data.campaign} initial={newSessionValues(loaded.data.campaign, serverNow())} onSubmit={addSession} />
        </>
      ) : loaded.error ? null : (
        <Text c="dimmed">{t('loading')}</Text>
      )}
    </Stack>
  );
}
