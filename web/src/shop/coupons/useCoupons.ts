import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, call } from '../../api/client';
import type { CouponTemplate, WalletCoupon } from '../../api/types';
import type { ShopperSession } from '../../auth';
import { forgetShopperOn401, useShopperData } from '../useShopperData';
import type { ClaimProgress } from './CouponsView';

export interface Coupons {
  claimable: CouponTemplate[] | null;
  claimableError: unknown;
  wallet: WalletCoupon[] | null;
  walletError: unknown;
  claims: ClaimProgress;
  claim: (templateId: string) => void;
}

/** What can be claimed (anyone), the shopper's wallet (signed in), and claiming one into it. */
export function useCoupons(signedIn: ShopperSession | null): Coupons {
  const token = signedIn?.token ?? null;
  const [claimable, setClaimable] = useState<CouponTemplate[] | null>(null);
  const [claimableError, setClaimableError] = useState<unknown>(null);
  const {
    data: wallet,
    error: walletError,
    reload: reloadWallet,
    setData: setWallet,
  } = useShopperData(token, (t) => call<{ coupons: WalletCoupon[] }>('/api/me/coupons', { token: t }).then((answer) => answer.coupons));
  const [claims, setClaims] = useState<ClaimProgress>({ busy: null, failures: {}, claimed: [] });
  const busy = useRef(false);

  useEffect(() => {
    let stopped = false;
    call<{ coupons: CouponTemplate[] }>('/api/coupons')
      .then((answer) => {
        if (!stopped) setClaimable(answer.coupons);
      })
      .catch((failure: unknown) => {
        if (!stopped) setClaimableError(failure);
      });
    return () => {
      stopped = true;
    };
  }, []);

  const claim = useCallback(
    (templateId: string) => {
      if (!token || busy.current) return;
      busy.current = true;
      setClaims((c) => ({ busy: templateId, failures: { ...c.failures, [templateId]: null }, claimed: c.claimed.filter((id) => id !== templateId) }));
      call<WalletCoupon>(`/api/coupons/${encodeURIComponent(templateId)}/claims`, { method: 'POST', token, body: {} })
        .then((coupon) => {
          setWallet((w) => [coupon, ...(w ?? []).filter((c) => c.id !== coupon.id)]);
          // The answer carries the kind's count as of this claim.
          setClaimable((list) => list?.map((t) => (t.id === templateId ? coupon.template : t)) ?? null);
          setClaims((c) => ({ ...c, busy: null, claimed: [...c.claimed, templateId] }));
        })
        .catch((failure: unknown) => {
          forgetShopperOn401(failure);
          if (failure instanceof ApiError && failure.code === 'COUPONS_GONE') {
            setClaimable((list) => list?.map((t) => (t.id === templateId ? { ...t, claimed: t.totalQuantity } : t)) ?? null);
          }
          // Claimed elsewhere (another tab or device): the wallet shows what is held.
          if (failure instanceof ApiError && failure.code === 'COUPON_LIMIT_REACHED') reloadWallet();
          setClaims((c) => ({ ...c, busy: null, failures: { ...c.failures, [templateId]: failure } }));
        })
        .finally(() => {
          busy.current = false;
        });
    },
    [token],
  );

  return { claimable, claimableError, wallet, walletError, claims, claim };
}
