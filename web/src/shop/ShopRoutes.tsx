import { Route, Switch } from 'wouter';
import { Shell } from '../Shell';

/** Shopper pages (placeholder until the shop is built). */
export function ShopRoutes() {
  return (
    <Shell>
      <Switch>
        <Route>shop</Route>
      </Switch>
    </Shell>
  );
}
