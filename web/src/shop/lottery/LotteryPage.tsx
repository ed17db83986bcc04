import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../api/client';
import { useShopper } from '../../auth';
import { useServerNow } from '../../serverClock';
import { forgetShopperOn401, useShopperData } from '../useShopperData';
import { LotteryView } from './LotteryView';
import type { Draw, DrawAnswer, Lottery, MyDraws } from './types';

/** `/lottery/:id`: the lottery (anyone), my draws and draws left (signed in), and the draw itself. */
export default function LotteryPage({ lotteryId }: { lotteryId: string }) {
  const signedIn = useShopper();
  const token = signedIn?.token ?? null;
  const now = useServerNow(1000);
  const [lottery, setLottery] = useState<Lottery | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let stopped = false;
    call<Lottery>(`/api/lotteries/${lotteryId}`)
      .then((answer) => !stopped && setLottery(answer))
      .catch((error: unknown) => !stopped && setLoadError(error));
    return () => {
      stopped = true;
    };
  }, [lotteryId, version]);
  const mine = useShopperData(token, (t) => call<MyDraws>(`/api/me/lottery-draws?lotteryId=${lotteryId}`, { token: t }));
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Draw | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const drawing = useRef(false);
  const { reload } = mine;

  const draw = useCallback(() => {
    if (!token || drawing.current) return;
    drawing.current = true;
    setBusy(true);
    setFailure(null);
    setResult(null);
    call<DrawAnswer>(`/api/me/lotteries/${lotteryId}/draws`, { method: 'POST', token, body: {} })
      .then((answer) => setResult(answer.draw))
      .catch((error: unknown) => {
        forgetShopperOn401(error);
        setFailure(error);
      })
      .finally(() => {
        drawing.current = false;
        setBusy(false);
        // What is left of the prizes and of my draws changed either way.
        reload();
        setVersion((v) => v + 1);
      });
  }, [token, lotteryId, reload]);

  return (
    <LotteryView
      lottery={lottery}
      loadError={loadError}
      signedIn={signedIn !== null}
      now={now}
      left={mine.data?.left ?? null}
      draws={mine.data?.draws ?? null}
      busy={busy}
      result={result}
      failure={failure}
      onDraw={draw}
    />
  );
}
