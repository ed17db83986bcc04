import { Anchor, Badge, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import { formatDateTime, formatPrice } from '../../format';
import { useLocale } from '../../i18n/locale';
import type { GroupBuyDeal, GroupBuyDealInput, OperatorGroup } from '../../shop/groupBuys/types';
import { ListPage } from '../ListPage';
import { useOperatorCall } from '../operatorApi';
import { Refusal } from '../Refusal';
import { usePolling } from '../usePolling';
import { DealForm } from './DealForm';
import { useConsoleGroupBuyT } from './messages';

const stateColors = { upcoming: 'blue', live: 'red', ended: 'gray' } as const;
const groupColors = { open: 'blue', succeeded: 'green', failed: 'gray' } as const;

/** The deals, each linking to its groups. */
export function DealsTable({ deals }: { deals: GroupBuyDeal[] | null }) {
  const t = useConsoleGroupBuyT();
  const { locale } = useLocale();
  if (!deals) return null;
  if (deals.length === 0) return <Text c="dimmed">{t('noDeals')}</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped aria-label={t('deals')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('dealTitle')}</Table.Th>
            <Table.Th>{t('price')}</Table.Th>
            <Table.Th>{t('size')}</Table.Th>
            <Table.Th>{t('stockLeft')}</Table.Th>
            <Table.Th>{t('window')}</Table.Th>
            <Table.Th>{t('state')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {deals.map((deal) => (
            <Table.Tr key={deal.id}>
              <Table.Td>
                <Anchor component={Link} href={`/group-buys/${deal.id}`}>
                  {deal.title}
                </Anchor>
                <Text fz="xs" c="dimmed">
                  {deal.merchant}
                </Text>
              </Table.Td>
              <Table.Td className="tabular">
                {formatPrice(deal.groupPrice)}{' '}
                <Text span td="line-through" c="dimmed" fz="xs">
                  {formatPrice(deal.originalPrice)}
                </Text>
              </Table.Td>
              <Table.Td className="tabular">{deal.groupSize}</Table.Td>
              <Table.Td className="tabular">
                {deal.remaining}/{deal.stock}
              </Table.Td>
              <Table.Td fz="xs">
                {formatDateTime(deal.startsAt, locale)} – {formatDateTime(deal.endsAt, locale)}
              </Table.Td>
              <Table.Td>
                <Badge color={stateColors[deal.state]}>{t(deal.state)}</Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** `/console/group-buys`: every deal (refreshed every few seconds) and the form to create one. */
export function GroupBuysConsole() {
  const t = useConsoleGroupBuyT();
  const operator = useOperatorCall();
  const list = usePolling(async () => (await operator<{ deals: GroupBuyDeal[] }>('/api/admin/group-buys')).deals, 'group-buys', 5000);
  const create = async (body: GroupBuyDealInput) => {
    await operator<GroupBuyDeal>('/api/admin/group-buys', { method: 'POST', body });
    list.reload();
  };
  return (
    <ListPage title={t('title')} error={list.error}>
      <DealsTable deals={list.data} />
      <DealForm onCreate={create} />
    </ListPage>
  );
}

/** A deal's groups and their states. */
export function GroupsTable({ groups }: { groups: OperatorGroup[] }) {
  const t = useConsoleGroupBuyT();
  const { locale } = useLocale();
  if (groups.length === 0) return <Text c="dimmed">{t('noGroups')}</Text>;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped aria-label={t('groups')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('group')}</Table.Th>
            <Table.Th>{t('leader')}</Table.Th>
            <Table.Th>{t('progress')}</Table.Th>
            <Table.Th>{t('status')}</Table.Th>
            <Table.Th>{t('openedAt')}</Table.Th>
            <Table.Th>{t('closesAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groups.map((group) => (
            <Table.Tr key={group.id}>
              <Table.Td className="tabular">{group.id}</Table.Td>
              <Table.Td className="tabular">{group.leaderId}</Table.Td>
              <Table.Td className="tabular">
                {group.paid}/{group.size}
              </Table.Td>
              <Table.Td>
                <Badge color={groupColors[group.status]}>{t(group.status)}</Badge>
              </Table.Td>
              <Table.Td fz="xs">{formatDateTime(group.openedAt, locale)}</Table.Td>
              <Table.Td fz="xs">{formatDateTime(group.closesAt, locale)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** `/console/group-buys/:id`: one deal with its groups, refreshed every few seconds. */
export function GroupBuyDealConsole({ id }: { id: string }) {
  const t = useConsoleGroupBuyT();
  const operator = useOperatorCall();
  const page = usePolling(() => operator<{ deal: GroupBuyDeal; groups: OperatorGroup[] }>(`/api/admin/group-buys/${encodeURIComponent(id)}`), id, 3000);
  const deal = page.data?.deal;
  return (
    <Stack>
      <Anchor component={Link} href="/group-buys" fz="sm">
        {t('back')}
      </Anchor>
      <Refusal error={page.error} />
      {deal ? (
        <>
          <Title order={1} fz="h2">
            {t('groupsOf', { title: deal.title })}
          </Title>
          <DealsTable deals={[deal]} />
          {deal.reward ? (
            <Text fz="sm">
              {t('reward', { top: deal.reward.top, templateId: deal.reward.templateId })}
              {deal.rewardsGiven ? t('rewardsGiven') : ''}
            </Text>
          ) : null}
          <GroupsTable groups={page.data!.groups} />
        </>
      ) : null}
    </Stack>
  );
}
