import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import { formatCountdown, formatPrice } from '../../format';
import { Failure, Loading } from '../CampaignPage';
import { dealPhase } from './groupState';
import { DealPrice } from './DealPrice';
import { type GroupBuyT, useGroupBuyT } from './messages';
import type { GroupBuyDeal, Membership } from './types';

export function dealTiming(t: GroupBuyT, deal: GroupBuyDeal, now: number): string {
  const phase = dealPhase(deal, now);
  if (phase === 'upcoming') return t('startsIn', { time: formatCountdown(Date.parse(deal.startsAt) - now) });
  if (phase === 'live') return t('endsIn', { time: formatCountdown(Date.parse(deal.endsAt) - now) });
  return t('ended');
}

function DealCard({ deal, now }: { deal: GroupBuyDeal; now: number }) {
  const t = useGroupBuyT();
  return (
    <Card withBorder radius="md" component="article" aria-label={deal.title}>
      <Stack gap={6}>
        <Anchor component={Link} href={`/group-buys/${deal.id}`} fw={600} c="dark.9">
          {deal.title}
        </Anchor>
        <Text fz="xs" c="gray.7">
          {t('merchant', { name: deal.merchant })}
        </Text>
        <DealPrice deal={deal} />
        <Group justify="space-between" fz="sm">
          <Text fz="sm" c="gray.8" className="tabular">
            {dealTiming(t, deal, now)}
          </Text>
          {deal.remaining > 0 ? (
            <Text fz="sm" c="gray.8" className="tabular">
              {t('unitsLeft', { n: deal.remaining })}
            </Text>
          ) : (
            <Badge color="gray.7">{t('soldOut')}</Badge>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

export function statusWord(t: GroupBuyT, status: Membership['status']): string {
  const words = {
    paying: t('statusPaying'),
    paid: t('statusPaid'),
    confirmed: t('statusConfirmed'),
    failed: t('statusFailed'),
    cancelled: t('statusCancelled'),
    refunded: t('statusRefunded'),
  } as const;
  return words[status];
}

function MyGroups({ mine }: { mine: Membership[] }) {
  const t = useGroupBuyT();
  return (
    <Stack gap="xs" component="section" aria-labelledby="my-group-buys">
      <Title order={2} fz="lg" id="my-group-buys">
        {t('myGroups')}
      </Title>
      {mine.length === 0 ? <Text c="gray.7">{t('noMyGroups')}</Text> : null}
      {mine.map((m) => (
        <Card key={m.id} withBorder radius="md" padding="sm">
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Anchor component={Link} href={`/groups/${m.groupId}`} fw={600} c="dark.9" lineClamp={1}>
                {m.title}
              </Anchor>
              <Text fz="xs" c="gray.7">
                {statusWord(t, m.status)}
                {m.group.status === 'open' && m.status !== 'failed' ? ` · ${t('neededShort', { n: m.group.needed })}` : ''}
              </Text>
            </Stack>
            <Text fz="sm" fw={600} className="tabular" style={{ whiteSpace: 'nowrap' }}>
              {t('paidAmount', { price: formatPrice(m.amount) })}
            </Text>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}

/** `/group-buys`: the deals running or about to start, and the shopper's own group buys. */
export function GroupBuysView({ deals, error = null, mine, now }: { deals: GroupBuyDeal[] | null; error?: unknown; mine: Membership[] | null; now: number }) {
  const t = useGroupBuyT();
  return (
    <Stack gap="md" maw={720} mx="auto">
      <Title order={1} fz={{ base: 22, sm: 28 }}>
        {t('groupBuys')}
      </Title>
      {error ? <Failure error={error} /> : null}
      {deals === null && !error ? <Loading /> : null}
      {deals?.length === 0 ? <Text c="gray.7">{t('noDeals')}</Text> : null}
      {deals?.map((deal) => <DealCard key={deal.id} deal={deal} now={now} />)}
      {mine ? <MyGroups mine={mine} /> : null}
    </Stack>
  );
}
