import { Center, Loader, MantineProvider } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { Route, Switch } from 'wouter';
import './app.css';
import { LocaleProvider } from './i18n/locale';
import { ShopRoutes } from './shop/ShopRoutes';
import { cssVariablesResolver, theme } from './theme';

// The shopper pages load first and stay small; the console and the dashboard (echarts) load on demand.
const ConsoleApp = lazy(() => import('./console/ConsoleApp'));
const DashboardApp = lazy(() => import('./dashboard/DashboardApp'));

function Loading() {
  return (
    <Center h="50vh">
      <Loader aria-label="loading" />
    </Center>
  );
}

export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <LocaleProvider>
        <Suspense fallback={<Loading />}>
          <Switch>
            <Route path="/console" nest>
              <ConsoleApp />
            </Route>
            <Route path="/dashboard" nest>
              <DashboardApp />
            </Route>
            <Route>
              <ShopRoutes />
            </Route>
          </Switch>
        </Suspense>
      </LocaleProvider>
    </MantineProvider>
  );
}
