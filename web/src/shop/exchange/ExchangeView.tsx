import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import type { AssistCampaign } from '../assists/types';
import { Balance } from '../Balance';
import type { Lottery } from '../lottery/types';
import { Refusal } from '../Refusal';
import { useExchangeT } from './messages';
import type { ExchangeOffer, Redemption } from './types';

/**
 * `/exchange` (积分/能量兑换): coupons or goods (shipped by hand) for points or energy, and the lucky draws and assists that energy
 * and friends can play. Signed out, the offers show without buttons to act.
 */
export function ExchangeView({
  signedIn,
  balances,
  offers,
  lotteries,
  campaigns,
  busy = null,
  redeemed = null,
  failure = null,
  onRedeem,
  onStartAssist,
}: {
  signedIn: boolean;
  balances: { points: number; energy: number } | null;
  offers: ExchangeOffer[] | null;
  lotteries: Lottery[] | null;
  campaigns: AssistCampaign[] | null;
  /** The offer or campaign being acted on. */
  busy?: string | null;
  redeemed?: Redemption | null;
  failure?: unknown;
  onRedeem: (offerId: string) => void;
  onStartAssist: (campaignId: string) => void;
}) {
  const t = useExchangeT();
  return (
    <Stack gap="md" maw={640} mx="auto">
      <Title order={1} fz={{ base: 22, sm: 28 }}>
        {t('title')}
      </Title>
      {balances ? (
        <section aria-labelledby="exchange-balances">
          <Title order={2} fz="md" mb="xs" id="exchange-balances">
            {t('balances')}
          </Title>
          <SimpleGrid cols={2}>
            {(['energy', 'points'] as const).map((c) => (
              <Balance key={c} label={t(c)} value={balances[c]} />
            ))}
          </SimpleGrid>
        </section>
      ) : null}
      {redeemed?.coupon ? (
        <Alert color="green" role="status">
          {t('redeemed', { name: redeemed.coupon.template.name })} ·{' '}
          <Anchor component={Link} href="/coupons?tab=mine" fz="sm">
            {t('wallet')}
          </Anchor>
        </Alert>
      ) : null}
      {redeemed?.goodsName && redeemed.status === 'granted' ? (
        <Alert color="green" role="status">
          {t('redeemedGoods', { name: redeemed.goodsName })}
        </Alert>
      ) : null}
      <Refusal error={failure} />
      <section aria-labelledby="exchange-offers">
        <Title order={2} fz="md" mb="xs" id="exchange-offers">
          {t('offers')}
        </Title>
        {offers && offers.length === 0 ? <Text c="gray.7">{t('noOffers')}</Text> : null}
        <Stack gap="xs">
          {(offers ?? []).map((offer) => {
            const name = offer.template?.name ?? offer.goodsName ?? '';
            return (
              <Card key={offer.id} withBorder radius="md" padding="sm">
                <Group justify="space-between" wrap="nowrap">
                  <div>
                    <Group gap={6} wrap="nowrap">
                      {offer.kind === 'goods' ? (
                        <Badge color="red.8" variant="outline" radius="sm" tt="none" style={{ flexShrink: 0 }}>
                          {t('goods')}
                        </Badge>
                      ) : null}
                      <Text fw={600}>{name}</Text>
                    </Group>
                    <Text fz="sm" c="gray.7">
                      {t('price', { price: offer.price, currency: t(offer.currency) })} · {t(offer.kind === 'goods' ? 'leftGoods' : 'left', { n: offer.left })} ·{' '}
                      {t('perUser', { n: offer.perUserLimit })}
                    </Text>
                  </div>
                  {signedIn ? (
                    <Button
                      color="red.8"
                      radius="xl"
                      style={{ flexShrink: 0 }}
                      loading={busy === offer.id}
                      disabled={offer.left === 0}
                      onClick={() => onRedeem(offer.id)}
                      aria-label={`${t('redeem')} ${name}`}
                    >
                      {t('redeem')}
                    </Button>
                  ) : null}
                </Group>
              </Card>
            );
          })}
        </Stack>
      </section>
      <Title order={2} fz="lg">
        {t('play')}
      </Title>
      <section aria-labelledby="exchange-lotteries">
        <Title order={3} fz="md" mb="xs" id="exchange-lotteries">
          {t('lotteries')}
        </Title>
        {lotteries && lotteries.length === 0 ? <Text c="gray.7">{t('noLotteries')}</Text> : null}
        <Stack gap={4}>
          {(lotteries ?? []).map((lottery) => (
            <Group key={lottery.id} justify="space-between" wrap="nowrap">
              <Anchor component={Link} href={`/lottery/${lottery.id}`}>
                {lottery.name}
              </Anchor>
              <Text fz="sm" c="gray.7">
                {lottery.cost.amount === 0 ? t('free') : t('drawCost', { amount: lottery.cost.amount, currency: t(lottery.cost.currency) })}
              </Text>
            </Group>
          ))}
        </Stack>
      </section>
      <section aria-labelledby="exchange-assists">
        <Title order={3} fz="md" mb="xs" id="exchange-assists">
          {t('assists')}
        </Title>
        {campaigns && campaigns.length === 0 ? <Text c="gray.7">{t('noAssists')}</Text> : null}
        <Stack gap="xs">
          {(campaigns ?? []).map((campaign) => (
            <Group key={campaign.id} justify="space-between" wrap="nowrap">
              <div>
                <Text fw={600}>{campaign.title}</Text>
                <Text fz="sm" c="gray.7">
                  {t('assistNeeds', { n: campaign.helpersNeeded, reward: campaign.reward.name })}
                </Text>
              </div>
              {signedIn ? (
                <Button variant="outline" color="red.9" radius="xl" style={{ flexShrink: 0 }} loading={busy === `assist:${campaign.id}`} onClick={() => onStartAssist(campaign.id)} aria-label={`${t('start')} ${campaign.title}`}>
                  {t('start')}
                </Button>
              ) : null}
            </Group>
          ))}
        </Stack>
      </section>
    </Stack>
  );
}
