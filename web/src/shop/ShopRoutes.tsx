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
const ExchangePage = lazy(() => import('./exchange/ExchangePage'));
const LotteryPage = lazy(() => import('./lottery/LotteryPage'));
const AssistPage = lazy(() => import('./assists/AssistPage'));
const InboxPage = lazy(() => import('./inbox/InboxPage'));
const GroupBuysPage = lazy(() => import('./groupBuys/GroupBuysPage'));
const GroupBuyDealPage = lazy(() => import('./groupBuys/DealPage'));
const GroupPage = lazy(() => import('./groupBuys/GroupPage'));
const ProductsPage = lazy(() => import('./products/ProductsPage'));
const ProductPage = lazy(() => import('./products/ProductPage'));
const CartPage = lazy(() => import('./cart/CartPage'));
const CheckoutOrderPage = lazy(() => import('./cart/CheckoutOrderPage'));
const CheckoutOrdersPage = lazy(() => import('./cart/CheckoutOrdersPage'));
const PriceProtectionClaimsPage = lazy(() => import('./priceProtection/PriceProtectionClaimsPage'));

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
        <Route path="/exchange">
          <Suspense fallback={<Loading />}>
            <ExchangePage />
          </Suspense>
        </Route>
        <Route path="/lottery/:lotteryId">
          {(params) => (
            <Suspense fallback={<Loading />}>
              <LotteryPage key={params.lotteryId} lotteryId={params.lotteryId} />
            </Suspense>
          )}
        </Route>
        <Route path="/assists/:assistId">
          {(params) => (
            <Suspense fallback={<Loading />}>
              <AssistPage key={params.assistId} assistId={params.assistId} />
            </Suspense>
          )}
        </Route>
        <Route path="/products">
          <Suspense fallback={<Loading />}>
            <ProductsPage />
          </Suspense>
        </Route>
        <Route path="/products/:productId">
          {(params) => (
            <Suspense fallback={<Loading />}>
              <ProductPage productId={params.productId} />
            </Suspense>
          )}
        </Route>
        <Route path="/cart">
          <Suspense fallback={<Loading />}>
            <CartPage />
          </Suspense>
        </Route>
        <Route path="/checkout-orders">
          <Suspense fallback={<Loading />}>
            <CheckoutOrdersPage />
          </Suspense>
        </Route>
        <Route path="/checkout-orders/:orderId">
          {(params) => (
            <Suspense fallback={<Loading />}>
              <CheckoutOrderPage orderId={params.orderId} />
            </Suspense>
          )}
        </Route>
        <Route path="/group-buys">
          <Suspense fallback={<Loading />}>
            <GroupBuysPage />
          </Suspense>
        </Route>
        <Route path="/group-buys/:dealId">
          {(params) => (
            <Suspense fallback={<Loading />}>
              <GroupBuyDealPage key={params.dealId} dealId={params.dealId} />
            </Suspense>
          )}
        </Route>
        <Route path="/groups/:groupId">
          {(params) => (
            <Suspense fallback={<Loading />}>
              <GroupPage key={params.groupId} groupId={params.groupId} />
            </Suspense>
          )}
        </Route>
        <Route path="/price-protection">
          <Suspense fallback={<Loading />}>
            <PriceProtectionClaimsPage />
          </Suspense>
        </Route>
        <Route path="/inbox">
          <Suspense fallback={<Loading />}>
            <InboxPage />
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
