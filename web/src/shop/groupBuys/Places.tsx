import { Avatar, Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import type { Group as GroupOfDeal } from './types';
import { useGroupBuyT } from './messages';

/** The group's places as avatars (leader first, empty places dashed) and its paid progress. */
export function Places({ group, compact = false }: { group: GroupOfDeal; compact?: boolean }) {
  const t = useGroupBuyT();
  const shown = Math.min(group.size, compact ? 6 : 12);
  const places = Array.from({ length: shown }, (_, i) => group.places[i] ?? null);
  return (
    <Stack gap={6}>
      <Group gap={6} wrap="wrap" role="list" aria-label={t('progressLabel', { paid: group.paid, size: group.size })}>
        {places.map((place, i) => {
          const label = place ? (place.leader ? t('leader') : place.paid ? t('member') : t('paying')) : t('emptyPlace');
          return (
            <Tooltip key={i} label={label}>
              <Avatar
                role="listitem"
                aria-label={label}
                size={compact ? 28 : 40}
                radius="xl"
                color={place ? 'red.8' : 'gray.6'}
                variant={place ? (place.paid ? 'filled' : 'light') : 'outline'}
                style={place ? undefined : { borderStyle: 'dashed' }}
              >
                {place ? (place.leader ? t('leader').slice(0, 1) : '✓') : '?'}
              </Avatar>
            </Tooltip>
          );
        })}
        {group.size > shown ? (
          <Text span fz="xs" c="gray.7">
            +{group.size - shown}
          </Text>
        ) : null}
      </Group>
      <Progress value={(group.paid / group.size) * 100} color="red.8" size="sm" aria-label={t('progressLabel', { paid: group.paid, size: group.size })} />
    </Stack>
  );
}
