import { Badge, Group } from '@mantine/core';
import type { SessionState } from '../api/types';
import { useT } from '../i18n/locale';
import { stateColors, stateLabels } from './labels';

export function StateBadge({ state }: { state: SessionState }) {
  const t = useT(stateLabels);
  return (
    <Badge color={stateColors[state]} variant={state === 'live' ? 'filled' : 'light'} data-state={state}>
      {t(state)}
    </Badge>
  );
}

/** How many sessions are in each state: "进行中 1 · 未开始 2". */
export function StateCounts({ states }: { states: SessionState[] }) {
  const t = useT(stateLabels);
  const order: SessionState[] = ['live', 'upcoming', 'ended'];
  return (
    <Group gap={4}>
      {order
        .filter((state) => states.includes(state))
        .map((state) => (
          <Badge key={state} color={stateColors[state]} variant="light" className="tabular">
            {t(state)} {states.filter((s) => s === state).length}
          </Badge>
        ))}
    </Group>
  );
}
