import { useLocation, useSearch } from 'wouter';
import { useShopper } from '../../auth';
import { useServerNow } from '../../serverClock';
import { type CouponTab, CouponsView } from './CouponsView';
import { useCoupons } from './useCoupons';

/** `/coupons` and `/coupons?tab=mine`: the tab is in the address so the wallet can be linked to. */
export default function CouponsPage() {
  const signedIn = useShopper();
  const now = useServerNow(1000);
  const search = useSearch();
  const [, navigate] = useLocation();
  const tab: CouponTab = new URLSearchParams(search).get('tab') === 'mine' ? 'mine' : 'claim';
  const coupons = useCoupons(signedIn);
  return (
    <CouponsView
      tab={tab}
      onTab={(next) => navigate(next === 'mine' ? '/coupons?tab=mine' : '/coupons', { replace: true })}
      claimable={coupons.claimable}
      claimableError={coupons.claimableError}
      wallet={coupons.wallet}
      walletError={coupons.walletError}
      signedIn={signedIn !== null}
      now={now}
      claims={coupons.claims}
      onClaim={coupons.claim}
    />
  );
}
