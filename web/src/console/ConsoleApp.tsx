import { Anchor, Text } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import { operatorToken, useOperatorToken } from '../auth';
import { useT } from '../i18n/locale';
import { Shell, ShellLink } from '../Shell';
import { CampaignPage } from './CampaignPage';
import { CampaignsPage } from './CampaignsPage';
import { CouponsPage } from './coupons/CouponsPage';
import { LoginPage } from './LoginPage';
import { SessionPage } from './SessionPage';
import { useConsoleGroupBuyT } from './groupBuys/messages';
import { usePlayNavT } from './lottery/nav';

const PromotionsPage = lazy(() => import('./promotions/PromotionsPage'));
const LotteriesPage = lazy(() => import('./lottery/LotteriesPage').then((m) => ({ default: m.LotteriesPage })));
const AssistsPage = lazy(() => import('./assists/AssistsPage').then((m) => ({ default: m.AssistsPage })));
const ExchangeOffersPage = lazy(() => import('./exchange/ExchangeOffersPage').then((m) => ({ default: m.ExchangeOffersPage })));
const GroupBuysConsolePage = lazy(() => import('./groupBuys/GroupBuysConsolePage'));
const ProductsPage = lazy(() => import('./products/ProductsPage'));

const messages = {
  'zh-CN': { console: '运营后台', campaigns: '活动', coupons: '优惠券', promotions: '促销', products: '商品', loading: '加载中…', logout: '退出登录', notFound: '没有这个页面' },
  en: { console: 'Console', campaigns: 'Campaigns', coupons: 'Coupons', promotions: 'Promotions', products: 'Products', loading: 'Loading…', logout: 'Sign out', notFound: 'No such page' },
};

/**
 * The operator console, mounted under /console. Without a token every page leads to the login page
 * (which brings the operator back afterwards); a 401/403 from the API forgets the token, with the same effect.
 */
export default function ConsoleApp() {
  const t = useT(messages);
  const groupBuyT = useConsoleGroupBuyT();
  const playT = usePlayNavT();
  const token = useOperatorToken();
  const [location] = useLocation();
  const links = token ? (
    <>
      <Text c="white" fz="sm" fw={600} visibleFrom="xs">
        {t('console')}
      </Text>
      <ShellLink href="/">{t('campaigns')}</ShellLink>
      <ShellLink href="/coupons">{t('coupons')}</ShellLink>
      <ShellLink href="/lottery">{playT('lottery')}</ShellLink>
      <ShellLink href="/assists">{playT('assists')}</ShellLink>
      <ShellLink href="/exchange">{playT('exchange')}</ShellLink>
      <ShellLink href="/group-buys">{groupBuyT('title')}</ShellLink>
      <ShellLink href="/promotions">{t('promotions')}</ShellLink>
      <ShellLink href="/products">{t('products')}</ShellLink>
      <Anchor component="button" type="button" c="white" fz="sm" onClick={() => operatorToken.set(null)}>
        {t('logout')}
      </Anchor>
    </>
  ) : null;
  return (
    <Shell wide links={links}>
      <Switch>
        <Route path="/login">
          <LoginPage />
        </Route>
        {token ? null : (
          <Route>
            <Redirect to={`/login?next=${encodeURIComponent(location)}`} replace />
          </Route>
        )}
        <Route path="/">
          <CampaignsPage />
        </Route>
        <Route path="/coupons">
          <CouponsPage />
        </Route>
        <Route path="/lottery">
          <Suspense fallback={<Text c="dimmed">{t('loading')}</Text>}>
            <LotteriesPage />
          </Suspense>
        </Route>
        <Route path="/assists">
          <Suspense fallback={<Text c="dimmed">{t('loading')}</Text>}>
            <AssistsPage />
          </Suspense>
        </Route>
        <Route path="/exchange">
          <Suspense fallback={<Text c="dimmed">{t('loading')}</Text>}>
            <ExchangeOffersPage />
          </Suspense>
        </Route>
        <Route path="/products">
          <Suspense fallback={<Text c="dimmed">{t('loading')}</Text>}>
            <ProductsPage />
          </Suspense>
        </Route>
        <Route path="/promotions">
          <Suspense fallback={<Text c="dimmed">{t('loading')}</Text>}>
            <PromotionsPage />
          </Suspense>
        </Route>
        <Route path="/group-buys/*?">
          <Suspense fallback={<Text c="dimmed">{t('loading')}</Text>}>
            <GroupBuysConsolePage />
          </Suspense>
        </Route>
        <Route path="/campaigns/:id">{(params) => <CampaignPage key={params.id} id={params.id} />}</Route>
        <Route path="/sessions/:id">{(params) => <SessionPage key={params.id} id={params.id} />}</Route>
        <Route>
          <Text>{t('notFound')}</Text>
        </Route>
      </Switch>
    </Shell>
  );
}
