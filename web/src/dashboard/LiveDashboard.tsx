import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { call } from '../api/client';
import type { Session } from '../api/types';
import { errorMessage } from '../i18n/errors';
import { useLocale, useT } from '../i18n/locale';
import { forgetRefusedToken } from '../OperatorSignIn';
import { useDashboardCharts } from './DashboardCharts';
import { DashboardView } from './DashboardView';
import { dashboardMessages } from './messages';
import { useLiveSeries } from './useLiveSeries';
import { formatTimeSlot } from '../format';

/** Follows one session live and shows it; the session's times come from its own answer once. */
export function LiveDashboard({ sessionId, token }: { sessionId: string; token: string }) {
  const t = useT(dashboardMessages);
  const { locale } = useLocale();
  const { series, connection, error } = useLiveSeries(sessionId, token);
  const charts = useDashboardCharts(series);
  const [session, setSession] = useState<Session | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    call<Session>(`/api/admin/sessions/${encodeURIComponent(sessionId)}`, { token, signal: controller.signal }).then(setSession, () => {
      // The heading is a nicety; the live figures do not depend on it.
    });
    return () => controller.abort();
  }, [sessionId, token]);

  // A refused token brings back the sign-in form, as in the console; this page follows once signed in.
  useEffect(() => forgetRefusedToken(error), [error]);

  if (error) {
    return (
      <Stack maw={560} mx="auto" mt="xl">
        <Alert color="red" role="alert">
          <Text inherit>{error.status === 404 ? t('sessionMissing') : errorMessage(error, locale)}</Text>
        </Alert>
        <Group>
          <Button component={Link} href="/" variant="light">
            {t('backToSessions')}
          </Button>
        </Group>
      </Stack>
    );
  }

  const heading = session ? formatTimeSlot(session.startsAt, session.endsAt, locale) : '';
  return <DashboardView snapshot={series.latest} points={series.points} connection={connection} heading={heading} charts={charts} />;
}
