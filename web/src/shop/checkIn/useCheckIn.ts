import { useState } from 'react';
import { call } from '../../api/client';
import type { ShopperSession } from '../../auth';
import { useShopperAction } from '../useShopperAction';
import { useShopperData } from '../useShopperData';
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
  const [result, setResult] = useState<CheckInResult | null>(null);
  // Either way the month and the balance changed (or another device changed them): show them again.
  const { busy, failure, run } = useShopperAction(token, reload);
  const checkIn = () => run(true, async (t) => setResult(await call<CheckInResult>('/api/me/check-ins', { method: 'POST', token: t, body: {} })));

  return { month, points, loadError, busy: busy !== null, result, failure, checkIn };
}
