import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import { formatCountdown, formatPrice } from '../../format';
import { Failure, Loading } from '../CampaignPage';
import { Refusal } from '../Refusal';
import { dealPhase, placesHeld } from './groupState';
import { DealPrice } from './DealPrice';
import { dealTiming } from './GroupBuysView';
import { type GroupBuyT, useGroupBuyT } from './messages';
import { Places } from './Places';
import type { GroupBuyPage, LeaderboardEntry, Membership } from './types';

function fillTime(t: GroupBuyT, entry: LeaderboardEntry): string {
  if (!entry.succeededAt) return t('filling', { paid: entry.paid, size: entry.size });
  return t('filledIn', { time: formatCountdown(Date.parse(entry.succeededAt) - Date.parse(entry.openedAt)) });
}

/** `/group-buys/:id`: the deal's price and rules, the groups one can join, a way to open one, the leaderboard. */
export function DealView({
  page,
  error = null,
  now,
  signedIn,
  mine = null,
  opening = false,
  openError = null,
  onOpen,
}: {
  page: GroupBuyPage | null;
  error?: unknown;
  now: number;
  signedIn: boolean;
  /** The shopper's group-buy places, when known: at the deal's limit, opening another is refused. */
  mine?: readonly Membership[] | null;
  opening?: boolean;
  openError?: unknown;
  onOpen: () => void;
}) {
  const t = useGroupBuyT();
  if (!page) return error ? <Failure error={error} /> : <Loading />;
  const { deal, openGroups, leaderboard } = page;
  const live = dealPhase(deal, now) === 'live' && deal.remaining > 0;
  const atLimit = signedIn && placesHeld(deal.id, mine) >= deal.perUserLimit;
  return (
    <Stack gap="md" maw={720} mx="auto">
      <Stack gap={4}>
        <Title order={1} fz={{ base: 22, sm: 28 }}>
          {deal.title}
        </Title>
        <Text fz="sm" c="gray.7">
          {t('merchant', { name: deal.merchant })}
        </Text>
      </Stack>
      <DealPrice deal={deal} size="lg" />
      <Group justify="space-between">
        <Text fz="sm" className="tabular">
          {dealTiming(t, deal, now)}
        </Text>
        {deal.remaining > 0 ? (
          <Text fz="sm" className="tabular">
            {t('unitsLeft', { n: deal.remaining })}
          </Text>
        ) : (
          <Badge color="gray.7">{t('soldOut')}</Badge>
        )}
      </Group>
      {signedIn ? (
        <Stack gap={4}>
          <Button color="red.8" size="md" disabled={!live || atLimit} loading={opening} onClick={onOpen} aria-describedby={atLimit ? 'open-limit' : undefined}>
            {t('openGroupPay', { price: formatPrice(deal.groupPrice) })}
          </Button>
          {atLimit ? (
            <Text id="open-limit" fz="sm" c="gray.8">
              {t('atLimit', { limit: deal.perUserLimit })}
            </Text>
          ) : null}
        </Stack>
      ) : (
        <Button component={Link} href={`/sign-in?next=${encodeURIComponent(`/group-buys/${deal.id}`)}`} color="red.8" size="md" variant="outline">
          {t('signInToOpen')}
        </Button>
      )}
      <Refusal error={openError} />
      <Text fz="sm" c="gray.8">
        {t('rules', { n: deal.groupSize, hours: deal.hoursOpen, limit: deal.perUserLimit })}
      </Text>

      <Stack gap="xs" component="section" aria-labelledby="open-groups">
        <Title order={2} fz="lg" id="open-groups">
          {t('openGroups')}
        </Title>
        {openGroups.length === 0 ? <Text c="gray.7">{t('noOpenGroups')}</Text> : null}
        {openGroups.map((group) => (
          <Card key={group.id} withBorder radius="md" padding="sm" component="article" aria-label={t('neededShort', { n: group.needed })}>
            <Group justify="space-between" wrap="nowrap" align="center" gap="sm">
              <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
                <Places group={group} compact />
                <Text fz="sm">
                  <Text span c="red.8" fw={700}>
                    {t('neededShort', { n: group.needed })}
                  </Text>
                  <Text span c="gray.7" className="tabular">
                    {' · '}
                    {t('closesIn', { time: formatCountdown(Date.parse(group.closesAt) - now) })}
                  </Text>
                </Text>
              </Stack>
              <Button component={Link} href={`/groups/${group.id}`} color="red.8" size="xs" style={{ flexShrink: 0 }}>
                {t('joinThis')}
              </Button>
            </Group>
          </Card>
        ))}
      </Stack>

      <Stack gap="xs" component="section" aria-labelledby="leaderboard">
        <Title order={2} fz="lg" id="leaderboard">
          {t('leaderboard')}
        </Title>
        {deal.reward ? <Text fz="sm" c="gray.8">{deal.rewardsGiven ? t('rewardsGiven') : t('rewardRule', { top: deal.reward.top })}</Text> : null}
        {leaderboard.length === 0 ? (
          <Text c="gray.7">{t('noLeaderboard')}</Text>
        ) : (
          <Table striped aria-labelledby="leaderboard">
            <Table.Tbody>
              {leaderboard.map((entry) => (
                <Table.Tr key={entry.groupId}>
                  <Table.Td className="tabular">{t('rank', { n: entry.rank })}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} href={`/groups/${entry.groupId}`} fz="sm">
                      {t('groupOf', { n: entry.size })}
                    </Anchor>
                  </Table.Td>
                  <Table.Td className="tabular" fz="sm">
                    {fillTime(t, entry)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Stack>
  );
}
