import { lazy, Suspense, useEffect } from 'react';
import { Route, Switch } from 'wouter';
import { syncServerClock } from '../serverClock';
import { CampaignPage, HomePage, Loading } from './CampaignPage';
import { ItemPage } from './ItemPage';
import { OrderPage } from './OrderPage';
import { OrdersPage } from './OrdersPage';
import { ShopShell } from './ShopShell';
import { SignInPage } from './SignInPage';
import { useShopT } from './useShopT';

// The coupon center is not on the path to a flash sale, so it loads when visited.
const CouponsPage = lazy(() => import('./coupons/CouponsPage'));
const CheckInPage = lazy(() => import('./checkIn/CheckInPage'));

function NotFound() {
  const t = useShopT();
  return <p>{t('pageNotFound')}</p>;
}

/** The shopper pages: the campaign, an item, orders, coupons, check-in and sign-in. */
export function ShopRoutes() {
  useEffect(() => {
    // Countdowns follow the server's clock; sessions refine it as they load.
    void syncServerClock().catch(() => {});
  }, []);
  return (
    <ShopShell>
      <Switch>
        <Route path="/">
          <HomePage />
        </Route>
        <Route path="/campaigns/:campaignId">{(params) => <CampaignPage campaignId={params.campaignId} />}</Route>
        <Route path="/sessions/:sessionId/items/:itemId">{(params) => <ItemPage sessionId={params.sessionId} itemId={params.itemId} />}</Route>
        <Route path="/orders">
          <OrdersPage />
        </Route>
        <Route path="/orders/:orderId">{(params) => <OrderPage orderId={params.orderId} />}</Route>
        <Route path="/coupons">
          <Suspense fallback={<Loading />}>
            <CouponsPage />
          </Suspense>
        </Route>
        <Route path="/check-in">
          <Suspense fallback={<Loading />}>
            <CheckInPage />
          </Suspense>
        </Route>
        <Route path="/sign-in">
          <SignInPage />
        </Route>
        <Route>
          <NotFound />
        </Route>
      </Switch>
    </ShopShell>
  );
}
