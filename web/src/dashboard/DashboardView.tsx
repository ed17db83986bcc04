import { Badge, Box, Center, Grid, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { LiveSnapshot } from '../api/types';
import { useLocale, useT } from '../i18n/locale';
import { AlertsFeed } from './AlertsFeed';
import { KpiTiles } from './KpiTiles';
import { dashboardMessages, stateColour } from './messages';
import type { RatePoint } from './series';
import { formatTime } from './time';
import type { Connection } from './useLiveSeries';

const connectionColour: Record<Connection, string> = {
  connecting: 'var(--mantine-color-gray-6)',
  live: 'var(--mantine-color-green-7)',
  reconnecting: 'var(--mantine-color-orange-7)',
};

/** The charts are passed in, so this view renders (and is tested) without a canvas. */
export interface ChartSlots {
  attempts?: ReactNode;
  orders?: ReactNode;
  stock?: ReactNode;
  funnel?: ReactNode;
}

export const chartHeight = 260;

/** Height that gives every item its bar. */
export function stockChartHeight(items: number): number {
  return Math.max(160, 60 + items * 40);
}

function Panel({ title, height, children }: { title: string; height: number; children?: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">
        {title}
      </Title>
      <Box h={height}>{children}</Box>
    </Paper>
  );
}

export function ConnectionStatus({ connection }: { connection: Connection }) {
  const t = useT(dashboardMessages);
  return (
    <Group gap={6} wrap="nowrap" role="status" aria-label={t('connection')} w={120}>
      <Box w={12} h={12} style={{ borderRadius: '50%', background: connectionColour[connection], flexShrink: 0 }} aria-hidden />
      <Text fw={600} size="sm" data-connection={connection}>
        {t(`connection_${connection}` as const)}
      </Text>
    </Group>
  );
}

export interface DashboardViewProps {
  snapshot: LiveSnapshot | null;
  points: RatePoint[];
  connection: Connection;
  heading: string;
  charts?: ChartSlots;
}

/** A session on the wall: what state it is in, the key figures, the charts, the alerts. */
export function DashboardView({ snapshot, points, connection, heading, charts = {} }: DashboardViewProps) {
  const t = useT(dashboardMessages);
  const { locale } = useLocale();
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="sm" wrap="wrap" style={{ minWidth: 0 }}>
          <Title order={1} size="h2" style={{ whiteSpace: 'nowrap' }}>
            {t('title')}
          </Title>
          <Text size="lg" className="tabular">
            {heading}
          </Text>
        </Group>
        <Group gap="md" wrap="nowrap">
          {snapshot ? (
            <Badge size="lg" color={stateColour[snapshot.state]} variant="filled" style={{ flexShrink: 0 }} aria-label={`${t('sessionState')}: ${t(`state_${snapshot.state}` as const)}`}>
              {t(`state_${snapshot.state}` as const)}
            </Badge>
          ) : null}
          <ConnectionStatus connection={connection} />
          <Text size="sm" c="dimmed" className="tabular" w={130} ta="right">
            {snapshot ? t('updatedAt', { time: formatTime(snapshot.serverTime, locale) }) : ''}
          </Text>
        </Group>
      </Group>
      {snapshot === null ? (
        <Center h={300}>
          <Stack align="center" gap="xs">
            <Loader aria-hidden />
            <Text>{t('waiting')}</Text>
          </Stack>
        </Center>
      ) : (
        <>
          <KpiTiles snapshot={snapshot} points={points} />
          <Grid gap="md">
            <Grid.Col span={{ base: 12, md: 8 }}>
              <Panel title={t('chartAttempts')} height={chartHeight}>
                {charts.attempts}
              </Panel>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Panel title={t('chartFunnel')} height={chartHeight}>
                {charts.funnel}
              </Panel>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 8 }}>
              <Panel title={t('chartOrders')} height={chartHeight}>
                {charts.orders}
              </Panel>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <AlertsFeed alerts={snapshot.alerts} items={snapshot.items} height={chartHeight + 62} />
            </Grid.Col>
            <Grid.Col span={12}>
              <Panel title={t('chartStock')} height={stockChartHeight(snapshot.items.length)}>
                {charts.stock}
              </Panel>
            </Grid.Col>
          </Grid>
        </>
      )}
    </Stack>
  );
}
