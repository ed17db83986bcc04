import { Anchor, Badge, Box, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { type ShopperSession, shopperSession, useShopper } from '../auth';
import { Shell, ShellLink } from '../Shell';
import { useT } from '../i18n/locale';
import { InboxLink } from './inbox/InboxLink';
import { tierName, useShopT } from './useShopT';

const nowrap = { whiteSpace: 'nowrap' } as const;

const navMessages = {
  'zh-CN': {
    cart: '购物车',
    promotions: '活动与服务',
    products: '商品',
    coupons: '领券',
    groupBuy: '拼团',
    checkIn: '签到',
    rewards: '兑换抽奖',
  },
  en: {
    cart: 'Cart',
    promotions: 'Promotions and services',
    products: 'Products',
    coupons: 'Coupons',
    groupBuy: 'Group buy',
    checkIn: 'Check-in',
    rewards: 'Rewards',
  },
};

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

function StripLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Anchor component={Link} href={href} c="red.9" fz="sm" style={nowrap}>
      {children}
    </Anchor>
  );
}

/**
 * The shop's page bar holds what every shopper needs on every page: the shop, the cart, my orders
 * and who is signed in. The promotions get a strip of their own under it, which scrolls sideways on
 * a narrow phone rather than push the page wider; a phone shows the signed-in account on that line.
 */
export function ShopShell({ children }: { children: ReactNode }) {
  const t = useShopT();
  const nav = useT(navMessages);
  const signedIn = useShopper();
  const links = (
    <Group gap="sm" wrap="nowrap">
      {/* lh 1: a block around a link must not add its own line height, or the link sits lower than its neighbours. */}
      <Box visibleFrom="xs" lh={1}>
        <ShellLink href="/">
          <span style={nowrap}>{t('shop')}</span>
        </ShellLink>
      </Box>
      <ShellLink href="/cart">
        <span style={nowrap}>{nav('cart')}</span>
      </ShellLink>
      <ShellLink href="/orders">
        <span style={nowrap}>{t('myOrders')}</span>
      </ShellLink>
      {signedIn ? (
        <Box visibleFrom="sm">
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
      <Group justify="space-between" gap="xs" mb="sm" wrap="wrap">
        <Box component="nav" aria-label={nav('promotions')} style={{ overflowX: 'auto', maxWidth: '100%' }}>
          <Group gap="md" wrap="nowrap" py={2}>
            <StripLink href="/products">{nav('products')}</StripLink>
            <StripLink href="/coupons">{nav('coupons')}</StripLink>
            <StripLink href="/group-buys">{nav('groupBuy')}</StripLink>
            <StripLink href="/check-in">{nav('checkIn')}</StripLink>
            <StripLink href="/exchange">{nav('rewards')}</StripLink>
            {signedIn ? <InboxLink color="red.9" /> : null}
          </Group>
        </Box>
        {signedIn ? (
          <Box hiddenFrom="sm" ml="auto">
            <Account signedIn={signedIn} color="dark.7" />
          </Box>
        ) : null}
      </Group>
      {children}
    </Shell>
  );
}
