import { useState } from 'react';
import { useLocation } from 'wouter';
import { call } from '../../api/client';
import { usePolling } from '../../console/usePolling';
import { learnServerTime, useServerNow } from '../../serverClock';
import { forgetShopperOn401 } from '../useShopperData';
import { DealView } from './DealView';
import type { GroupBuyPage, Membership } from './types';
import { useMyGroups } from './useMyGroups';

/** `/group-buys/:dealId`: opening a group pays at once, then shows the group's own page to share. */
export default function DealPage({ dealId }: { dealId: string }) {
  const now = useServerNow(1000);
  const [, navigate] = useLocation();
  const { token, data: mine, reload: reloadMine } = useMyGroups();
  const [opening, setOpening] = useState(false);
  const [openError, setOpenError] = useState<unknown>(null);
  const page = usePolling(
    () =>
      call<GroupBuyPage>(`/api/group-buys/${encodeURIComponent(dealId)}`).then((answer) => {
        learnServerTime(answer.serverTime);
        return answer;
      }),
    dealId,
    10_000,
  );
  const open = () => {
    if (!token || opening) return;
    setOpening(true);
    setOpenError(null);
    call<Membership>(`/api/me/group-buys/${encodeURIComponent(dealId)}/groups`, { method: 'POST', token, body: {} })
      .then((place) => navigate(`/groups/${place.groupId}?opened=1`))
      .catch((failure: unknown) => {
        forgetShopperOn401(failure);
        setOpenError(failure);
        page.reload();
        reloadMine();
      })
      .finally(() => setOpening(false));
  };
  return <DealView page={page.data} error={page.error} now={now} signedIn={token !== null} mine={mine} opening={opening} openError={openError} onOpen={open} />;
}
