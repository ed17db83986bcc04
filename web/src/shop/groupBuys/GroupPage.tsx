import { useState } from 'react';
import { useSearch } from 'wouter';
import { call } from '../../api/client';
import { usePolling } from '../../console/usePolling';
import { learnServerTime, useServerNow } from '../../serverClock';
import { forgetShopperOn401 } from '../useShopperData';
import { joinState, placeIn } from './groupState';
import { GroupView } from './GroupView';
import type { GroupPage as GroupAnswer, Membership } from './types';
import { useMyGroups } from './useMyGroups';

/** `/groups/:groupId`: followed every few seconds while open, so the leader sees friends join and the group succeed. */
export default function GroupPage({ groupId }: { groupId: string }) {
  const now = useServerNow(1000);
  const search = useSearch();
  const mine = useMyGroups();
  const [joining, setJoining] = useState(false);
  const [joinError, setJoinError] = useState<unknown>(null);
  const page = usePolling(
    () =>
      call<GroupAnswer>(`/api/groups/${encodeURIComponent(groupId)}`).then((answer) => {
        learnServerTime(answer.serverTime);
        return answer;
      }),
    groupId,
    3_000,
  );
  const place = placeIn(groupId, mine.data);
  // My own row follows the group: once it settles, reload it to show the confirmed order or the refund.
  const groupStatus = page.data?.group.status;
  const [seenStatus, setSeenStatus] = useState(groupStatus);
  if (groupStatus !== seenStatus) {
    setSeenStatus(groupStatus);
    if (place) mine.reload();
  }
  const join = () => {
    if (!mine.token || joining) return;
    setJoining(true);
    setJoinError(null);
    call<Membership>(`/api/me/groups/${encodeURIComponent(groupId)}/members`, { method: 'POST', token: mine.token, body: {} })
      .then((joined) => mine.setData((list) => [joined, ...(list ?? []).filter((m) => m.id !== joined.id)]))
      .catch((failure: unknown) => {
        forgetShopperOn401(failure);
        setJoinError(failure);
      })
      .finally(() => {
        setJoining(false);
        page.reload();
      });
  };
  const state = page.data ? joinState(page.data, place, mine.token !== null, joining, now) : 'closed';
  return (
    <GroupView
      page={page.data}
      error={page.error}
      state={state}
      mine={place}
      now={now}
      joinError={joinError}
      justOpened={new URLSearchParams(search).has('opened')}
      onJoin={join}
    />
  );
}
