import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import { call } from '../../api/client';
import { useShopper } from '../../auth';
import type { AssistCampaign, MyAssist } from '../assists/types';
import type { Lottery } from '../lottery/types';
import { forgetShopperOn401, useShopperData } from '../useShopperData';
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
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => {
    let stopped = false;
    Promise.all([
      call<{ offers: ExchangeOffer[] }>('/api/exchange-offers'),
      call<{ lotteries: Lottery[] }>('/api/lotteries'),
      call<{ campaigns: AssistCampaign[] }>('/api/assist-campaigns'),
    ])
      .then(([o, l, c]) => !stopped && setOpen({ offers: o.offers, lotteries: l.lotteries, campaigns: c.campaigns }))
      .catch((error: unknown) => !stopped && setFailure(error));
    return () => {
      stopped = true;
    };
  }, [version]);
  const points = useShopperData(token, (t) => call<{ balances: { points: number; energy: number } }>('/api/me/points', { token: t }));
  const [busy, setBusy] = useState<string | null>(null);
  const [redeemed, setRedeemed] = useState<Redemption | null>(null);
  const acting = useRef(false);
  const { reload } = points;

  const act = useCallback(
    (key: string, work: (token: string) => Promise<void>) => {
      if (!token || acting.current) return;
      acting.current = true;
      setBusy(key);
      setFailure(null);
      setRedeemed(null);
      work(token)
        .catch((error: unknown) => {
          forgetShopperOn401(error);
          setFailure(error);
        })
        .finally(() => {
          acting.current = false;
          setBusy(null);
          reload();
          setVersion((v) => v + 1);
        });
    },
    [token, reload],
  );

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
      busy={busy}
      redeemed={redeemed}
      failure={failure ?? points.error}
      onRedeem={redeem}
      onStartAssist={startAssist}
    />
  );
}
