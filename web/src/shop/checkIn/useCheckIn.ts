import { useCallback, useRef, useState } from 'react';
import { call } from '../../api/client';
import type { ShopperSession } from '../../auth';
import { forgetShopperOn401, useShopperData } from '../useShopperData';
import type { CheckInMonth, CheckInResult, PointsAnswer } from './types';

export interface CheckInState {
  month: CheckInMonth | null;
  points: PointsAnswer | null;
  loadError: unknown;
  busy: boolean;
  /** The check-in just made here, or why the last tap was refused. */
  result: CheckInResult | null;
  failure: unknown;
  checkIn: () => void;
}

/** This month's check-ins and the balances of a signed-in shopper, and today's check-in. */
export function useCheckIn(signedIn: ShopperSession | null): CheckInState {
  const token = signedIn?.token ?? null;
  const { data, error: loadError, reload } = useShopperData(token, (t) =>
    Promise.all([call<CheckInMonth>('/api/me/check-ins', { token: t }), call<PointsAnswer>('/api/me/points', { token: t })]),
  );
  const [month, points] = data ?? [null, null];
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CheckInResult | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const tapping = useRef(false);

  const checkIn = useCallback(() => {
    if (!token || tapping.current) return;
    tapping.current = true;
    setBusy(true);
    setFailure(null);
    call<CheckInResult>('/api/me/check-ins', { method: 'POST', token, body: {} })
      .then(setResult)
      .catch((error: unknown) => {
        forgetShopperOn401(error);
        setFailure(error);
      })
      .finally(() => {
        tapping.current = false;
        setBusy(false);
        // Either way the month and the balance changed (or another device changed them): show them again.
        reload();
      });
  }, [token, reload]);

  return { month, points, loadError, busy, result, failure, checkIn };
}
