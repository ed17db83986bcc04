import { Button, Center, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import type { CouponTemplate, WalletCoupon } from '../../api/types';
import { Failure } from '../CampaignPage';
import { SignInFirst } from '../SignInFirst';
import { claimState, heldOf } from './claimState';
import { CouponCard } from './CouponCard';
import { type CouponT, useCouponT } from './messages';
import { WalletCouponCard } from './WalletCouponCard';
import { shownWalletState, type WalletState, walletStates } from './walletState';
import './coupons.css';

export type CouponTab = 'claim' | 'mine';

/** Claims under way and their outcomes, by coupon kind. */
export interface ClaimProgress {
  busy: string | null;
  failures: Record<string, unknown>;
  claimed: string[];
}

export const noClaims: ClaimProgress = { busy: null, failures: {}, claimed: [] };

function Waiting({ t }: { t: CouponT }) {
  return (
    <Center h={160}>
      <Loader aria-label={t('couponCenter')} color="red.8" />
    </Center>
  );
}

/** `/coupons`: 领券 (what can be claimed now) and 我的券 (the wallet). */
export function CouponsView({
  tab,
  onTab,
  claimable,
  claimableError = null,
  wallet,
  walletError = null,
  signedIn,
  now,
  claims = noClaims,
  onClaim,
}: {
  tab: CouponTab;
  onTab: (tab: CouponTab) => void;
  claimable: CouponTemplate[] | null;
  claimableError?: unknown;
  wallet: WalletCoupon[] | null;
  walletError?: unknown;
  signedIn: boolean;
  now: number;
  claims?: ClaimProgress;
  onClaim: (templateId: string) => void;
}) {
  const t = useCouponT();
  const available = wallet?.filter((coupon) => shownWalletState(coupon, now) === 'available').length ?? 0;
  return (
    <Stack gap="md" maw={640} mx="auto">
      <Title order={1} fz={{ base: 22, sm: 28 }}>
        {t('couponCenter')}
      </Title>
      <Tabs value={tab} onChange={(value) => onTab(value === 'mine' ? 'mine' : 'claim')} color="red.8">
        <Tabs.List grow>
          <Tabs.Tab value="claim">{t('claimTab')}</Tabs.Tab>
          <Tabs.Tab value="mine">
            {t('walletTab')}
            {signedIn && wallet ? (
              <>
                {' '}
                <span className="tabular">({available})</span>
              </>
            ) : null}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="claim" pt="md">
          <ClaimableList
            claimable={claimable}
            error={claimableError}
            wallet={wallet}
            signedIn={signedIn}
            claims={claims}
            onClaim={onClaim}
            onShowWallet={() => onTab('mine')}
          />
        </Tabs.Panel>
        <Tabs.Panel value="mine" pt="md">
          {signedIn ? <WalletList wallet={wallet} error={walletError} now={now} onClaimMore={() => onTab('claim')} /> : <SignInFirst />}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

export function ClaimableList({
  claimable,
  error,
  wallet,
  signedIn,
  claims,
  onClaim,
  onShowWallet,
}: {
  claimable: CouponTemplate[] | null;
  error: unknown;
  wallet: WalletCoupon[] | null;
  signedIn: boolean;
  claims: ClaimProgress;
  onClaim: (templateId: string) => void;
  onShowWallet?: () => void;
}) {
  const t = useCouponT();
  if (error && !claimable) return <Failure error={error} />;
  if (!claimable) return <Waiting t={t} />;
  if (claimable.length === 0) {
    return (
      <Text c="gray.7" ta="center" py="xl">
        {t('noClaimable')}
      </Text>
    );
  }
  return (
    <Stack gap="sm">
      {claimable.map((coupon) => {
        const held = heldOf(wallet, coupon.id);
        return (
          <CouponCard
            key={coupon.id}
            coupon={coupon}
            held={held}
            state={claimState({ coupon, signedIn, held, busy: claims.busy === coupon.id })}
            justClaimed={claims.claimed.includes(coupon.id)}
            failure={claims.failures[coupon.id] ?? null}
            onClaim={() => onClaim(coupon.id)}
            onShowWallet={onShowWallet}
          />
        );
      })}
    </Stack>
  );
}

/** The wallet by state: usable first, then used, then expired. */
export function WalletList({ wallet, error, now, onClaimMore }: { wallet: WalletCoupon[] | null; error: unknown; now: number; onClaimMore?: () => void }) {
  const t = useCouponT();
  if (error && !wallet) return <Failure error={error} />;
  if (!wallet) return <Waiting t={t} />;
  if (wallet.length === 0) {
    return (
      <Stack align="center" gap="sm" py="xl">
        <Text c="gray.7">{t('noWallet')}</Text>
        {onClaimMore ? (
          <Button color="red.8" onClick={onClaimMore}>
            {t('goClaim')}
          </Button>
        ) : null}
      </Stack>
    );
  }
  const groups = new Map<WalletState, WalletCoupon[]>(walletStates.map((state) => [state, []]));
  for (const coupon of wallet) groups.get(shownWalletState(coupon, now))!.push(coupon);
  return (
    <Stack gap="lg">
      {walletStates.map((state) => {
        const coupons = groups.get(state)!;
        if (coupons.length === 0) return null;
        return (
          <Stack gap="sm" key={state} component="section" aria-labelledby={`wallet-${state}`}>
            <Title order={2} fz="md" id={`wallet-${state}`}>
              {t(`state_${state}`)} <span className="tabular">({coupons.length})</span>
            </Title>
            {coupons.map((coupon) => (
              <WalletCouponCard key={coupon.id} coupon={coupon} state={state} now={now} />
            ))}
          </Stack>
        );
      })}
    </Stack>
  );
}
