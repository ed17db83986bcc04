import { Stack, Table, type TableProps, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useT } from '../i18n/locale';
import { Refusal } from './Refusal';

const messages = {
  'zh-CN': { loading: '加载中…' },
  en: { loading: 'Loading…' },
};

/** A console list page: its heading, why its list could not load, then the list and its form. */
export function ListPage({ title, intro, error, children }: { title: string; intro?: string; error: unknown; children: ReactNode }) {
  return (
    <Stack>
      <Title order={1} fz="h2">
        {title}
      </Title>
      {intro ? <Text c="dimmed">{intro}</Text> : null}
      <Refusal error={error} />
      {children}
    </Stack>
  );
}

/** A list once loaded; until then a line saying it loads, or that there is nothing in it yet. */
export function Loaded<T>({ items, none, children }: { items: T[] | null; none: string; children: (items: T[]) => ReactNode }) {
  const t = useT(messages);
  if (!items) return <Text c="dimmed">{t('loading')}</Text>;
  if (items.length === 0) return <Text c="dimmed">{none}</Text>;
  return children(items);
}

/** A list's table, scrolling sideways on a narrow screen: a header row of `headers`, then the rows given. */
export function ListTable({ minWidth, headers, children, ...table }: { minWidth: number; headers: string[]; children: ReactNode } & TableProps) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped verticalSpacing="sm" {...table}>
        <Table.Thead>
          <Table.Tr>
            {headers.map((header) => (
              <Table.Th key={header}>{header}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
