import { useEffect, useState } from 'react';
import { call } from '../../api/client';
import { useShopper } from '../../auth';
import { useServerNow } from '../../serverClock';
import { useShopperAction } from '../useShopperAction';
import { useShopperData } from '../useShopperData';
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
  const [result, setResult] = useState<Draw | null>(null);
  // What is left of the prizes and of my draws changed either way.
  const { busy, failure, run } = useShopperAction(token, () => {
    mine.reload();
    setVersion((v) => v + 1);
  });
  const draw = () =>
    run(true, async (t) => {
      setResult(null);
      setResult((await call<DrawAnswer>(`/api/me/lotteries/${lotteryId}/draws`, { method: 'POST', token: t, body: {} })).draw);
    });

  return (
    <LotteryView
      lottery={lottery}
      loadError={loadError}
      signedIn={signedIn !== null}
      now={now}
      left={mine.data?.left ?? null}
      draws={mine.data?.draws ?? null}
      busy={busy !== null}
      result={result}
      failure={failure}
      onDraw={draw}
    />
  );
}
