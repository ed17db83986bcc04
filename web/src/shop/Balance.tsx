import { Card, Text } from '@mantine/core';

/** One of the shopper's balances (energy, points) as a card: its name, then the amount, large. */
export function Balance({ label, value }: { label: string; value: number }) {
  return (
    <Card withBorder radius="md" padding="sm">
      <Text fz="sm" c="gray.7">
        {label}
      </Text>
      <Text fz={24} fw={700} className="tabular">
        {value}
      </Text>
    </Card>
  );
}
