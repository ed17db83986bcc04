import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../api/client';
import type { ShopperSession } from '../../auth';
import { forgetShopperOn401 } from '../useMyOrders';
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
  const [month, setMonth] = useState<CheckInMonth | null>(null);
  const [points, setPoints] = useState<PointsAnswer | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CheckInResult | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const tapping = useRef(false);

  useEffect(() => {
    if (!token) return;
    let stopped = false;
    Promise.all([call<CheckInMonth>('/api/me/check-ins', { token }), call<PointsAnswer>('/api/me/points', { token })])
      .then(([m, p]) => {
        if (stopped) return;
        setMonth(m);
        setPoints(p);
        setLoadError(null);
      })
      .catch((error: unknown) => {
        if (stopped) return;
        forgetShopperOn401(error);
        setLoadError(error);
      });
    return () => {
      stopped = true;
    };
  }, [token, version]);

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
        setVersion((v) => v + 1);
      });
  }, [token]);

  return { month, points, loadError, busy, result, failure, checkIn };
}
