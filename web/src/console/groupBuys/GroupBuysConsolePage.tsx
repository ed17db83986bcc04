import { Route, Switch } from 'wouter';
import { GroupBuyDealConsole, GroupBuysConsole } from './GroupBuysConsole';

/** The console's group-buy pages, loaded when first visited. */
export default function GroupBuysConsolePage() {
  return (
    <Switch>
      <Route path="/group-buys">
        <GroupBuysConsole />
      </Route>
      <Route path="/group-buys/:id">{(params) => <GroupBuyDealConsole key={params.id} id={params.id} />}</Route>
    </Switch>
  );
}
