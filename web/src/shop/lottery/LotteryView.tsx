import { Alert, Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import { formatDateTime } from '../../format';
import { useLocale } from '../../i18n/locale';
import { Failure, Loading } from '../CampaignPage';
import { Refusal } from '../Refusal';
import { SignInFirst } from '../SignInFirst';
import { type LotteryT, useLotteryT } from './messages';
import type { Draw, DrawsLeft, Lottery, Prize } from './types';

/** The draws a shopper has left, as one number: today's when there is a daily limit, else in all (null: unlimited). */
export function drawsLeftNow(left: DrawsLeft | null): number | null {
  if (!left) return null;
  return left.today ?? left.total;
}

/** `/lottery/:id` (抽奖): the prizes with what is left, the cost, the draws left, the draw button and my draws. */
export function LotteryView({
  lottery,
  loadError = null,
  signedIn,
  now,
  left,
  draws,
  busy = false,
  result = null,
  failure = null,
  onDraw,
}: {
  lottery: Lottery | null;
  loadError?: unknown;
  signedIn: boolean;
  now: number;
  left: DrawsLeft | null;
  draws: Draw[] | null;
  busy?: boolean;
  result?: Draw | null;
  failure?: unknown;
  onDraw: () => void;
}) {
  const t = useLotteryT();
  const { locale } = useLocale();
  if (!lottery) return loadError ? <Failure error={loadError} /> : <Loading />;
  const open = Date.parse(lottery.startsAt) <= now && now < Date.parse(lottery.endsAt);
  const remaining = drawsLeftNow(left);
  const cost = lottery.cost.amount === 0 ? t('costFree') : t('cost', { amount: lottery.cost.amount, currency: t(lottery.cost.currency) });
  return (
    <Stack gap="md" maw={640} mx="auto">
      <Title order={1} fz={{ base: 22, sm: 28 }}>
        {lottery.name}
      </Title>
      <Text fz="sm" c="gray.7">
        {t('window', { from: formatDateTime(lottery.startsAt, locale), to: formatDateTime(lottery.endsAt, locale) })}
      </Text>
      <section aria-labelledby="prizes-title">
        <Title order={2} fz="md" mb="xs" id="prizes-title">
          {t('prizes')}
        </Title>
        <Stack gap={6}>
          {lottery.prizes.map((prize) => (
            <PrizeRow key={prize.id} prize={prize} t={t} />
          ))}
        </Stack>
      </section>
      <Card withBorder radius="md" padding="lg">
        <Stack align="center" gap="xs">
          <Text fz="sm" c="gray.7">
            {cost}
          </Text>
          {!signedIn ? (
            <SignInFirst />
          ) : (
            <>
              <Text fw={600} aria-live="polite">
                {!open ? t('notOpen') : remaining === null ? '' : remaining === 0 ? t('noDrawsLeft') : t(left?.today !== null ? 'drawsLeftToday' : 'drawsLeftTotal', { n: remaining })}
              </Text>
              <Button size="lg" radius="xl" color="red.8" miw={200} loading={busy} disabled={!open || remaining === 0} onClick={onDraw}>
                {t('draw')}
              </Button>
              {result ? <DrawResult draw={result} t={t} /> : null}
              <Refusal error={failure} w="100%" />
            </>
          )}
        </Stack>
      </Card>
      {signedIn ? (
        <section aria-labelledby="my-draws-title">
          <Title order={2} fz="md" mb="xs" id="my-draws-title">
            {t('myDraws')}
          </Title>
          {!draws || draws.length === 0 ? (
            <Text c="gray.7">{t('noDraws')}</Text>
          ) : (
            <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {draws.map((draw) => (
                <Group key={draw.id} component="li" justify="space-between" wrap="nowrap">
                  <Text fz="sm">{draw.prize ? draw.prize.name : t('thanks')}</Text>
                  <Text fz="xs" c="gray.7">
                    {formatDateTime(draw.at, locale)}
                  </Text>
                </Group>
              ))}
            </Stack>
          )}
        </section>
      ) : null}
    </Stack>
  );
}

function PrizeRow({ prize, t }: { prize: Prize; t: LotteryT }) {
  const name = prize.kind === 'none' ? prize.name || t('thanks') : prize.name;
  return (
    <Group justify="space-between" wrap="nowrap">
      <Text fz="sm">{name}</Text>
      <Text fz="sm" fw={600} className="tabular" c={prize.left === 0 || prize.left === null ? 'gray.7' : 'red.9'}>
        {prize.left === null ? t('unlimited') : prize.left === 0 ? t('goneOut') : t('left', { n: prize.left })}
      </Text>
    </Group>
  );
}

function DrawResult({ draw, t }: { draw: Draw; t: LotteryT }) {
  if (!draw.prize) {
    return (
      <Alert color="gray" role="status" w="100%">
        {t('lost')}
      </Alert>
    );
  }
  const note =
    draw.delivery === 'undelivered' ? t('undelivered') : draw.prize.kind === 'coupon' ? t('wonCoupon') : draw.prize.kind === 'points' ? t('wonPoints') : t('wonGoods');
  return (
    <Alert color="green" role="status" w="100%">
      <Text fw={700}>{t('won', { prize: draw.prize.name })}</Text>
      <Text fz="sm">
        {note}
        {draw.prize.kind === 'coupon' && draw.delivery === 'delivered' ? (
          <>
            {' · '}
            <Anchor component={Link} href="/coupons?tab=mine" fz="sm">
              {t('wallet')}
            </Anchor>
          </>
        ) : null}
      </Text>
    </Alert>
  );
}
