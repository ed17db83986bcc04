import { Anchor, Badge, Box, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { type ShopperSession, shopperSession, useShopper } from '../auth';
import { Shell, ShellLink } from '../Shell';
import { useCartT } from './cart/messages';
import { useCheckInT } from './checkIn/messages';
import { useCouponT } from './coupons/messages';
import { InboxLink } from './inbox/InboxLink';
import { useGroupBuyNavT } from './groupBuys/navMessages';
import { tierName, useShopT } from './useShopT';

const nowrap = { whiteSpace: 'nowrap' } as const;

/** Who is signed in: masked phone, tier and a way out. */
function Account({ signedIn, color }: { signedIn: ShopperSession; color: string }) {
  const t = useShopT();
  return (
    <Group gap={6} wrap="nowrap" aria-label={t('account')} role="group">
      <Text span fz="xs" c={color} className="tabular" style={nowrap}>
        {signedIn.shopper.phone}
      </Text>
      <Badge size="sm" color="yellow.4" c="dark.9" variant="filled" style={{ flexShrink: 0, overflow: 'visible' }}>
        {t('member', { tier: tierName(t, signedIn.shopper.tier) })}
      </Badge>
      <Anchor component="button" type="button" c={color} fz="sm" style={nowrap} onClick={() => shopperSession.set(null)}>
        {t('signOut')}
      </Anchor>
    </Group>
  );
}

/**
 * The shop's page bar: the shop, my orders, and who is signed in (or a sign-in link). A narrow phone
 * has no room for the account in the bar, so it gets its own line above the page.
 */
export function ShopShell({ children }: { children: ReactNode }) {
  const t = useShopT();
  const signedIn = useShopper();
  const couponT = useCouponT();
  const checkInT = useCheckInT();
  const groupBuyT = useGroupBuyNavT();
  const cartT = useCartT();
  const links = (
    <Group gap="sm" wrap="nowrap">
      {/* lh 1: a block around a link must not add its own line height, or the link sits lower than its neighbours. */}
      <Box visibleFrom="xs" lh={1}>
        <ShellLink href="/">
          <span style={nowrap}>{t('shop')}</span>
        </ShellLink>
      </Box>
      <ShellLink href="/coupons">
        <span style={nowrap}>{couponT('coupons')}</span>
      </ShellLink>
      {/* A narrow phone has no room for it in the bar: a signed-in one shows it on the account line. */}
      <Box visibleFrom="xs" lh={1}>
        <ShellLink href="/group-buys">
          <span style={nowrap}>{groupBuyT('groupBuy')}</span>
        </ShellLink>
      </Box>
      {/* A narrow phone has room for it only once the sign-in link has left the bar (checking in needs a shopper). */}
      <Box visibleFrom={signedIn ? undefined : 'xs'} lh={1}>
        <ShellLink href="/check-in">
          <span style={nowrap}>{checkInT('checkIn')}</span>
        </ShellLink>
      </Box>
      <ShellLink href="/cart">
        <span style={nowrap}>{cartT('cart')}</span>
      </ShellLink>
      <ShellLink href="/orders">
        <span style={nowrap}>{t('myOrders')}</span>
      </ShellLink>
      {/* A narrow phone shows it on the account line instead. */}
      {signedIn ? (
        <Box visibleFrom="xs" lh={1}>
          <InboxLink />
        </Box>
      ) : null}
      {signedIn ? (
        <Box visibleFrom="xs">
          <Account signedIn={signedIn} color="white" />
        </Box>
      ) : (
        <Anchor component={Link} href="/sign-in" c="white" fz="sm" style={nowrap}>
          {t('signIn')}
        </Anchor>
      )}
    </Group>
  );
  return (
    <Shell links={links}>
      {signedIn ? (
        <Box hiddenFrom="xs" mb="sm">
          <Group justify="flex-end">
            <Anchor component={Link} href="/group-buys" c="red.9" fz="sm" style={nowrap}>
              {groupBuyT('groupBuy')}
            </Anchor>
            <InboxLink color="red.9" />
            <Account signedIn={signedIn} color="dark.7" />
          </Group>
        </Box>
      ) : null}
      {children}
    </Shell>
  );
}
