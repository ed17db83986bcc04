import { Badge, Group, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import type { Alert, AlertLevel, LiveSnapshot } from '../api/types';
import { useLocale, useT } from '../i18n/locale';
import { dashboardMessages, labelOf } from './messages';
import { formatTime } from './time';

const levelColour: Record<AlertLevel, string> = { info: 'blue', warning: 'orange', critical: 'red' };
// Dark shades keep the badge's white text readable (AA).
const badgeColour: Record<AlertLevel, string> = { info: 'blue.8', warning: 'yellow.5', critical: 'red.8' };

/** Newest first, whatever order they came in. */
export function newestFirst(alerts: Alert[]): Alert[] {
  return [...alerts].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

/** The server's alerts (it decides when one is raised): level, what, which item, when. */
export function AlertsFeed({ alerts, items, height }: { alerts: Alert[]; items: LiveSnapshot['items']; height: number }) {
  const { locale } = useLocale();
  const t = useT(dashboardMessages);
  const titles = new Map(items.map((item) => [item.id, item.title]));
  return (
    <Paper withBorder p="md" h={height} style={{ display: 'flex', flexDirection: 'column' }}>
      <Title order={2} size="h4" mb="xs">
        {t('alerts')}
      </Title>
      {alerts.length === 0 ? (
        <Text c="dimmed">{t('noAlerts')}</Text>
      ) : (
        <ScrollArea style={{ flex: 1 }} type="auto">
          <Stack component="ol" gap="xs" aria-label={t('alerts')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {newestFirst(alerts).map((alert) => {
              const known = labelOf(t, 'alert_', alert.code) !== alert.code;
              return (
                <li key={alert.id} data-level={alert.level}>
                  <Paper p="xs" radius="sm" bg={`var(--mantine-color-${levelColour[alert.level as AlertLevel] ?? 'gray'}-light)`}>
                    <Group gap="xs" wrap="nowrap" justify="space-between">
                      <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
                        <Badge color={badgeColour[alert.level as AlertLevel] ?? 'gray.8'} variant="filled" size="sm" style={{ flexShrink: 0 }}>
                          {labelOf(t, 'level_', alert.level)}
                        </Badge>
                        <Text fw={600} truncate>
                          {known ? labelOf(t, 'alert_', alert.code) : alert.message}
                        </Text>
                      </Group>
                      <Text size="sm" c="dimmed" className="tabular" style={{ flexShrink: 0 }}>
                        {formatTime(alert.at, locale)}
                      </Text>
                    </Group>
                    <Text size="sm" mt={2} truncate>
                      {alert.itemId ? (titles.get(alert.itemId) ?? alert.itemId) : t('wholeSession')}
                    </Text>
                  </Paper>
                </li>
              );
            })}
          </Stack>
        </ScrollArea>
      )}
    </Paper>
  );
}
