import { Anchor, Badge, Group } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { call } from '../../api/client';
import { useShopper } from '../../auth';
import { useInboxT } from './messages';

/** Sent by the inbox page when the unread count changed there. */
export const inboxChanged = 'miaosha:inbox-changed';

/** The header's "消息" link with the unread count: asked on each page change, every minute, and after reading. */
export function InboxLink({ color = 'white' }: { color?: string }) {
  const t = useInboxT();
  const signedIn = useShopper();
  const token = signedIn?.token ?? null;
  const [location] = useLocation();
  const [unread, setUnread] = useState(0);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const again = () => setVersion((v) => v + 1);
    window.addEventListener(inboxChanged, again);
    const timer = setInterval(again, 60_000);
    return () => {
      window.removeEventListener(inboxChanged, again);
      clearInterval(timer);
    };
  }, []);
  useEffect(() => {
    if (!token) {
      setUnread(0);
      return;
    }
    let stopped = false;
    call<{ unread: number }>('/api/me/inbox/unread', { token })
      .then((answer) => !stopped && setUnread(answer.unread))
      .catch(() => {}); // the badge waits for the next try
    return () => {
      stopped = true;
    };
  }, [token, location, version]);
  return (
    <Anchor component={Link} href="/inbox" c={color} fz="sm">
      <Group component="span" gap={4} wrap="nowrap">
        <span style={{ whiteSpace: 'nowrap' }}>{t('inbox')}</span>
        {unread > 0 ? (
          <Badge component="span" size="xs" circle={unread < 10} color="yellow.4" c="dark.9" aria-label={t('unreadBadge', { n: unread })}>
            {unread > 99 ? '99+' : unread}
          </Badge>
        ) : null}
      </Group>
    </Anchor>
  );
}
