import { Alert, Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import { formatCountdown, formatPrice } from '../../format';
import { Failure, Loading } from '../CampaignPage';
import { Refusal } from '../Refusal';
import { ShareButton } from '../ShareButton';
import { DealPrice } from './DealPrice';
import { statusWord } from './GroupBuysView';
import type { JoinState } from './groupState';
import { useGroupBuyT } from './messages';
import { Places } from './Places';
import type { GroupPage, Membership } from './types';

/** `/groups/:groupId`, the shared link: the group's progress (还差 N 人), its countdown, and join-and-pay. */
export function GroupView({
  page,
  error = null,
  state,
  mine,
  now,
  joinError = null,
  justOpened = false,
  onJoin,
}: {
  page: GroupPage | null;
  error?: unknown;
  state: JoinState;
  mine: Membership | null;
  now: number;
  joinError?: unknown;
  justOpened?: boolean;
  onJoin: () => void;
}) {
  const t = useGroupBuyT();
  if (!page) return error ? <Failure error={error} /> : <Loading />;
  const { group, deal } = page;
  const price = formatPrice(deal.groupPrice);
  return (
    <Stack gap="md" maw={560} mx="auto">
      <Title order={1} fz={{ base: 20, sm: 26 }}>
        {t('groupTitle', { title: deal.title, n: group.size })}
      </Title>
      <DealPrice deal={deal} />
      <Card withBorder radius="md">
        <Stack gap="sm" align="stretch">
          {group.status === 'open' ? (
            <Group justify="space-between" align="baseline">
              <Text fz={22} fw={800} c="red.8" role="status">
                {t('neededBig', { n: group.needed })}
              </Text>
              <Text fz="sm" c="gray.8" className="tabular">
                {t('closesIn', { time: formatCountdown(Date.parse(group.closesAt) - now) })}
              </Text>
            </Group>
          ) : null}
          {group.status === 'succeeded' ? (
            <Alert color="green" role="status">
              <Text fw={700}>{t('groupSucceeded')}</Text>
              {mine ? <Text fz="sm">{statusWord(t, mine.status)}</Text> : null}
            </Alert>
          ) : null}
          {group.status === 'failed' ? (
            <Alert color="gray" role="status">
              {t('groupFailed')}
            </Alert>
          ) : null}
          <Places group={group} />
          {justOpened && state === 'in' ? (
            <Text fz="sm" fw={600}>
              {t('opened')}
            </Text>
          ) : null}
          <JoinAction state={state} price={price} groupId={group.id} mine={mine} onJoin={onJoin} />
          <Refusal error={joinError} />
          {group.status === 'open' ? <ShareButton title={t('groupTitle', { title: deal.title, n: group.size })} label={t('inviteFriends')} /> : null}
        </Stack>
      </Card>
      <Text fz="sm" c="gray.8">
        {t('rules', { n: deal.groupSize, hours: deal.hoursOpen, limit: deal.perUserLimit })}
      </Text>
      <Anchor component={Link} href={`/group-buys/${deal.id}`} fz="sm">
        {t('backToDeal')}
      </Anchor>
    </Stack>
  );
}

function JoinAction({ state, price, groupId, mine, onJoin }: { state: JoinState; price: string; groupId: string; mine: Membership | null; onJoin: () => void }) {
  const t = useGroupBuyT();
  switch (state) {
    case 'signIn':
      return (
        <Button component={Link} href={`/sign-in?next=${encodeURIComponent(`/groups/${groupId}`)}`} color="red.8" size="md" variant="outline">
          {t('signInToJoin')}
        </Button>
      );
    case 'join':
    case 'joining':
      return (
        <Button color="red.8" size="md" loading={state === 'joining'} onClick={onJoin}>
          {t('joinPay', { price })}
        </Button>
      );
    case 'in':
      return (
        <Text fw={600}>
          ✓ {t('youAreIn')}
          {mine ? ` · ${statusWord(t, mine.status)}` : ''}
        </Text>
      );
    case 'full':
      return <Text c="gray.7">{t('groupFull')}</Text>;
    case 'closed':
      return <Text c="gray.7">{t('groupClosed')}</Text>;
    case 'notActive':
      return <Text c="gray.7">{t('ended')}</Text>;
    default:
      return null;
  }
}
