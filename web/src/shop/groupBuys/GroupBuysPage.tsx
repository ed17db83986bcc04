import { call } from '../../api/client';
import { usePolling } from '../../console/usePolling';
import { learnServerTime, useServerNow } from '../../serverClock';
import { GroupBuysView } from './GroupBuysView';
import type { GroupBuyDeal } from './types';
import { useMyGroups } from './useMyGroups';

/** `/group-buys`. */
export default function GroupBuysPage() {
  const now = useServerNow(1000);
  const deals = usePolling(
    () =>
      call<{ deals: GroupBuyDeal[]; serverTime: string }>('/api/group-buys').then((answer) => {
        learnServerTime(answer.serverTime);
        return answer.deals;
      }),
    'group-buys',
    30_000,
  );
  const mine = useMyGroups();
  return <GroupBuysView deals={deals.data} error={deals.error} mine={mine.data} now={now} />;
}
