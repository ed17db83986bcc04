import { Anchor, Text } from '@mantine/core';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import { operatorToken, useOperatorToken } from '../auth';
import { useT } from '../i18n/locale';
import { Shell, ShellLink } from '../Shell';
import { CampaignPage } from './CampaignPage';
import { CampaignsPage } from './CampaignsPage';
import { CouponsPage } from './coupons/CouponsPage';
import { LoginPage } from './LoginPage';
import { SessionPage } from './SessionPage';

const messages = {
  'zh-CN': { console: '运营后台', campaigns: '活动', coupons: '优惠券', logout: '退出登录', notFound: '没有这个页面' },
  en: { console: 'Console', campaigns: 'Campaigns', coupons: 'Coupons', logout: 'Sign out', notFound: 'No such page' },
};

/**
 * The operator console, mounted under /console. Without a token every page leads to the login page
 * (which brings the operator back afterwards); a 401/403 from the API forgets the token, with the same effect.
 */
export default function ConsoleApp() {
  const t = useT(messages);
  const token = useOperatorToken();
  const [location] = useLocation();
  const links = token ? (
    <>
      <Text c="white" fz="sm" fw={600} visibleFrom="xs">
        {t('console')}
      </Text>
      <ShellLink href="/">{t('campaigns')}</ShellLink>
      <ShellLink href="/coupons">{t('coupons')}</ShellLink>
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
        <Route path="/campaigns/:id">{(params) => <CampaignPage key={params.id} id={params.id} />}</Route>
        <Route path="/sessions/:id">{(params) => <SessionPage key={params.id} id={params.id} />}</Route>
        <Route>
          <Text>{t('notFound')}</Text>
        </Route>
      </Switch>
    </Shell>
  );
}
