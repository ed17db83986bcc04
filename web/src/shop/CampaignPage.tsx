import { Center, Group, Loader, Paper, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'wouter';
import { call } from '../api/client';
import type { Campaign, Item, Session } from '../api/types';
import { type ShopperSession, useShopper } from '../auth';
import { formatClock, formatCountdown } from '../format';
import { useLocale } from '../i18n/locale';
import { serverNow, useServerNow } from '../serverClock';
import { BookingSlot } from './bookings/BookingSlot';
import { ItemCard } from './ItemCard';
import { type OfferContext, useOffer } from './ItemOffer';
import { currentCampaign, defaultSession, stateAt } from './pickCampaign';
import { useOrderedItems } from './orderedItems';
import { Refusal } from './Refusal';
import { Rules } from './Rules';
import { ShareButton } from './ShareButton';
import { useMyOrders } from './useMyOrders';
import { useSessionLive } from './useSessionLive';
import { useShopT } from './useShopT';

export function Loading({ label }: { label?: string }) {
  const t = useShopT();
  return (
    <Center h={200}>
      <Loader aria-label={label ?? t('loading')} color="red.8" />
    </Center>
  );
}

export function Failure({ error }: { error: unknown }) {
  return <Refusal error={error} mt="md" />;
}

/** `/`: the campaign of the moment. */
export function HomePage() {
  const t = useShopT();
  const [campaigns, setCampaigns] = useState<Campaign[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let stopped = false;
    call<{ campaigns: Campaign[] }>('/api/campaigns')
      .then((answer) => !stopped && setCampaigns(answer.campaigns))
      .catch((failure: unknown) => !stopped && setError(failure));
    return () => {
      stopped = true;
    };
  }, []);
  if (error) return <Failure error={error} />;
  if (!campaigns) return <Loading />;
  const campaign = currentCampaign(campaigns, serverNow());
  if (!campaign) return <Text ta="center" mt="xl" c="gray.7">{t('noCampaign')}</Text>;
  return <CampaignLoaded campaign={campaign} />;
}

/** `/campaigns/:campaignId`. */
export function CampaignPage({ campaignId }: { campaignId: string }) {
  const [campaign, setCampaign] = useState<Campaign | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    // Another campaign's late answer (or its failure) must not show under this one's address.
    let stopped = false;
    setCampaign(null);
    setError(null);
    call<Campaign>(`/api/campaigns/${encodeURIComponent(campaignId)}`)
      .then((answer) => !stopped && setCampaign(answer))
      .catch((failure: unknown) => !stopped && setError(failure));
    return () => {
      stopped = true;
    };
  }, [campaignId]);
  if (error) return <Failure error={error} />;
  if (!campaign) return <Loading />;
  return <CampaignLoaded campaign={campaign} />;
}

function CampaignLoaded({ campaign }: { campaign: Campaign }) {
  const [params, setParams] = useSearchParams();
  const now = useServerNow(250);
  const signedIn = useShopper();
  const asked = params.get('session');
  const selected = asked && campaign.sessions.some((s) => s.id === asked) ? asked : defaultSession(campaign, now);
  const live = useSessionLive(selected);
  const { orders, reload } = useMyOrders(signedIn);
  // Other sessions' items are only asked for when a SKU here may share its limit with them.
  const orderedItems = useOrderedItems(live.session?.items.some((item) => item.sku) ? orders : null);
  return (
    <CampaignView
      campaign={campaign}
      selectedSessionId={selected}
      onSelectSession={(id) => setParams({ session: id }, { replace: true })}
      session={live.session}
      sessionError={live.error}
      now={now}
      signedIn={signedIn}
      orders={orders}
      orderedItems={orderedItems}
      onRefused={(itemId, code) => {
        reload();
        if (code === 'SOLD_OUT') live.markSoldOut(itemId);
      }}
    />
  );
}

/** The campaign page: session tabs by time slot, the countdown, hot items and the rules. */
export function CampaignView({
  campaign,
  selectedSessionId,
  onSelectSession,
  session,
  sessionError = null,
  now,
  signedIn,
  orders,
  orderedItems,
  onRefused = () => {},
}: {
  campaign: Campaign;
  selectedSessionId: string | null;
  onSelectSession: (id: string) => void;
  session: Session | null;
  sessionError?: unknown;
  now: number;
  signedIn: ShopperSession | null;
  orders: OfferContext['orders'];
  orderedItems?: OfferContext['orderedItems'];
  onRefused?: (itemId: string, code: string) => void;
}) {
  const t = useShopT();
  const { locale } = useLocale();
  const sessions = [...campaign.sessions].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const selected = sessions.find((s) => s.id === selectedSessionId) ?? null;
  const selectedState = selected ? stateAt(selected, now) : null;
  const shown = session && session.id === selectedSessionId ? session : null;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Title order={1} fz={{ base: 22, sm: 28 }}>
          {campaign.name}
        </Title>
        <ShareButton title={campaign.name} />
      </Group>
      {sessions.length > 0 ? (
        <Tabs value={selectedSessionId} onChange={(value) => value && onSelectSession(value)} color="red.8" variant="pills" radius="md">
          <Tabs.List grow aria-label={t('sessions')}>
            {sessions.map((s) => {
              const state = stateAt(s, now);
              return (
                <Tabs.Tab key={s.id} value={s.id} bg={state === 'live' && s.id !== selectedSessionId ? 'red.0' : undefined}>
                  <Stack gap={0} align="center">
                    <Text span fw={700} fz="lg" className="tabular">
                      {formatClock(s.startsAt, locale)}
                    </Text>
                    <Text span fz="xs">
                      {t(state)}
                    </Text>
                  </Stack>
                </Tabs.Tab>
              );
            })}
          </Tabs.List>
        </Tabs>
      ) : null}
      {selected && selectedState ? (
        <Paper p="sm" bg="red.8" c="white" radius="md">
          <Group justify="center" gap="sm" wrap="nowrap" style={{ minHeight: 36 }}>
            {selectedState === 'ended' ? (
              <Text fw={700}>{t('sessionEnded')}</Text>
            ) : (
              <>
                <Text fw={600}>{selectedState === 'live' ? t('endsIn') : t('startsIn')}</Text>
                <Text fw={800} fz={26} className="tabular" role="timer" aria-live="off">
                  {formatCountdown(Date.parse(selectedState === 'live' ? selected.endsAt : selected.startsAt) - now)}
                </Text>
              </>
            )}
          </Group>
        </Paper>
      ) : null}
      {selected && selectedState === 'upcoming' ? <BookingSlot sessionId={selected.id} /> : null}
      <section aria-labelledby="hot-title">
        <Title order={2} fz="lg" id="hot-title" mb="xs">
          {t('hotItems')}
        </Title>
        {sessionError ? (
          <Failure error={sessionError} />
        ) : !shown ? (
          <Loading />
        ) : shown.items.length === 0 ? (
          <Text c="gray.7">{t('noItems')}</Text>
        ) : (
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
            {shown.items.map((item) => (
              <Offer key={item.id} item={item} context={{ session: shown, now, signedIn, orders, orderedItems, onRefused }} />
            ))}
          </SimpleGrid>
        )}
      </section>
      {shown ? <Rules session={shown} /> : null}
    </Stack>
  );
}

function Offer({ item, context }: { item: Item; context: OfferContext }) {
  const { state, progress, buy } = useOffer(item, context);
  return <ItemCard item={item} state={state} now={context.now} progress={progress} onBuy={buy} />;
}
