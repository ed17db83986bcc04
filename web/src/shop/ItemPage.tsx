import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import type { Item, Session } from '../api/types';
import { useShopper } from '../auth';
import { formatClock, formatCountdown } from '../format';
import { useLocale } from '../i18n/locale';
import { useServerNow } from '../serverClock';
import { BuyButton, type BuyProgress } from './BuyButton';
import type { BuyState } from './buyButtonState';
import { Failure, Loading } from './CampaignPage';
import { useOffer } from './ItemOffer';
import { useOrderedItems } from './orderedItems';
import { stateAt } from './pickCampaign';
import { PriceTag } from './PriceTag';
import { Rules } from './Rules';
import { ShareButton } from './ShareButton';
import { StockBar } from './StockBar';
import { useMyOrders } from './useMyOrders';
import { useSessionLive } from './useSessionLive';
import { reasonText, tierName, useShopT } from './useShopT';

/** `/sessions/:sessionId/items/:itemId`. */
export function ItemPage({ sessionId, itemId }: { sessionId: string; itemId: string }) {
  const t = useShopT();
  const live = useSessionLive(sessionId);
  if (live.error) return <Failure error={live.error} />;
  if (!live.session) return <Loading />;
  const item = live.session.items.find((candidate) => candidate.id === itemId);
  if (!item) return <Text mt="xl" ta="center">{t('itemNotFound')}</Text>;
  return <LiveItem session={live.session} item={item} markSoldOut={live.markSoldOut} />;
}

function LiveItem({ session, item, markSoldOut }: { session: Session; item: Item; markSoldOut: (itemId: string) => void }) {
  const now = useServerNow(250);
  const signedIn = useShopper();
  const { orders, reload } = useMyOrders(signedIn);
  const orderedItems = useOrderedItems(item.sku ? orders : null);
  const onRefused = (itemId: string, code: string) => {
    reload();
    if (code === 'SOLD_OUT') markSoldOut(itemId);
  };
  const { state, progress, buy } = useOffer(item, { session, now, signedIn, orders, orderedItems, onRefused });
  return <ItemView session={session} item={item} state={state} now={now} progress={progress} onBuy={buy} />;
}

/** The item page: prices, live stock, the session's time, eligibility and the buy button. */
export function ItemView({
  session,
  item,
  state,
  now,
  progress,
  onBuy,
}: {
  session: Session;
  item: Item;
  state: BuyState;
  now: number;
  progress?: BuyProgress;
  onBuy: () => void;
}) {
  const t = useShopT();
  const { locale } = useLocale();
  const sessionState = session.state === 'ended' ? 'ended' : stateAt(session, now);
  const rules = item.eligibility;
  const conditions: string[] = [];
  if (rules.tiers?.length) conditions.push(reasonText(t, { kind: 'tier', tiers: rules.tiers }));
  if (rules.realNameRequired) conditions.push(reasonText(t, { kind: 'realName' }));
  if (rules.invitedUserIds?.length) conditions.push(reasonText(t, { kind: 'invitation' }));
  if (rules.regionsAllowed?.length || rules.regionsDenied?.length) conditions.push(t('conditionRegion'));
  if (rules.priorityWindow) {
    conditions.push(t('rulePriority', { tier: tierName(t, rules.priorityWindow.minTier), minutes: rules.priorityWindow.minutes }));
  }
  return (
    <Stack gap="md" maw={640} mx="auto">
      <Anchor component={Link} href={`/campaigns/${encodeURIComponent(session.campaignId)}?session=${encodeURIComponent(session.id)}`} fz="sm">
        ← {t('back')}
      </Anchor>
      <Title order={1} fz={{ base: 22, sm: 28 }}>
        {item.title}
      </Title>
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Text fz="sm" c="gray.7">
            {t('flashPrice')}
          </Text>
          <PriceTag item={item} size="lg" />
          <Group gap="xs">
            <Badge variant="outline" color={sessionState === 'live' ? 'red.8' : 'gray.7'}>
              {formatClock(session.startsAt, locale)}–{formatClock(session.endsAt, locale)} · {t(sessionState)}
            </Badge>
            <Text fz="sm" c="gray.7" className="tabular" style={{ minWidth: 120 }}>
              {sessionState === 'upcoming'
                ? `${t('startsIn')} ${formatCountdown(Date.parse(session.startsAt) - now)}`
                : sessionState === 'live'
                  ? `${t('endsIn')} ${formatCountdown(Date.parse(session.endsAt) - now)}`
                  : ''}
            </Text>
          </Group>
          <Text fz="sm">{t('limitPerUser', { limit: item.perUserLimit })}</Text>
          {conditions.map((condition) => (
            <Text key={condition} fz="sm" c="orange.9">
              {condition}
            </Text>
          ))}
          <StockBar item={item} />
          <BuyButton state={state} now={now} progress={progress} onBuy={onBuy} />
          <Group>
            <ShareButton title={item.title} label={t('shareItem')} />
          </Group>
        </Stack>
      </Paper>
      <Rules session={{ paymentWindowSeconds: session.paymentWindowSeconds, items: [item] }} withEligibility={false} />
    </Stack>
  );
}
