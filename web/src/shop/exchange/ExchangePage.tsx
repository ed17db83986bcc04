import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { call } from '../../api/client';
import { useShopper } from '../../auth';
import type { AssistCampaign, MyAssist } from '../assists/types';
import type { Lottery } from '../lottery/types';
import { useShopperAction } from '../useShopperAction';
import { useShopperData } from '../useShopperData';
import { ExchangeView } from './ExchangeView';
import type { ExchangeOffer, Redemption } from './types';

interface Open {
  offers: ExchangeOffer[];
  lotteries: Lottery[];
  campaigns: AssistCampaign[];
}

/** `/exchange`: redeem points or energy for coupons; reach the lucky draws and start an assist. */
export default function ExchangePage() {
  const signedIn = useShopper();
  const token = signedIn?.token ?? null;
  const [, navigate] = useLocation();
  const [open, setOpen] = useState<Open | null>(null);
  const [version, setVersion] = useState(0);
  const [loadFailure, setLoadFailure] = useState<unknown>(null);
  useEffect(() => {
    let stopped = false;
    Promise.all([
      call<{ offers: ExchangeOffer[] }>('/api/exchange-offers'),
      call<{ lotteries: Lottery[] }>('/api/lotteries'),
      call<{ campaigns: AssistCampaign[] }>('/api/assist-campaigns'),
    ])
      .then(([o, l, c]) => !stopped && setOpen({ offers: o.offers, lotteries: l.lotteries, campaigns: c.campaigns }))
      .catch((error: unknown) => !stopped && setLoadFailure(error));
    return () => {
      stopped = true;
    };
  }, [version]);
  const points = useShopperData(token, (t) => call<{ balances: { points: number; energy: number } }>('/api/me/points', { token: t }));
  const [redeemed, setRedeemed] = useState<Redemption | null>(null);
  const action = useShopperAction<string>(token, () => {
    points.reload();
    setVersion((v) => v + 1);
  });
  const act = (key: string, work: (token: string) => Promise<void>) =>
    action.run(key, (t) => {
      setRedeemed(null);
      setLoadFailure(null);
      return work(t);
    });

  const redeem = (offerId: string) =>
    act(offerId, async (t) => setRedeemed(await call<Redemption>('/api/me/exchanges', { method: 'POST', token: t, body: { offerId } })));
  const startAssist = (campaignId: string) =>
    act(`assist:${campaignId}`, async (t) => {
      const assist = await call<MyAssist>(`/api/me/assist-campaigns/${campaignId}/assists`, { method: 'POST', token: t, body: {} });
      navigate(`/assists/${assist.id}`);
    });

  return (
    <ExchangeView
      signedIn={signedIn !== null}
      balances={points.data?.balances ?? null}
      offers={open?.offers ?? null}
      lotteries={open?.lotteries ?? null}
      campaigns={open?.campaigns ?? null}
      busy={action.busy}
      redeemed={redeemed}
      failure={action.failure ?? loadFailure ?? points.error}
      onRedeem={redeem}
      onStartAssist={startAssist}
    />
  );
}
