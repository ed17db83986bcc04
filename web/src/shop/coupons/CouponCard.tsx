import { Anchor, Badge, Button, Card, Group, Progress, Stack, Text } from '@mantine/core';
import { Link } from 'wouter';
import type { CouponTemplate } from '../../api/types';
import { formatDateTime } from '../../format';
import { useLocale } from '../../i18n/locale';
import { Refusal } from '../Refusal';
import type { ClaimState } from './claimState';
import { CouponStub } from './CouponStub';
import { couponsLeft, couponWords } from './couponWords';
import { useCouponT } from './messages';

export const signInToClaimHref = `/sign-in?next=${encodeURIComponent('/coupons')}`;

/** One claimable coupon: what it takes off, where, how many are left, until when, and the claim button. */
export function CouponCard({
  coupon,
  state,
  held,
  justClaimed = false,
  failure = null,
  onClaim,
  onShowWallet,
}: {
  coupon: CouponTemplate;
  state: ClaimState;
  held: number;
  justClaimed?: boolean;
  failure?: unknown;
  onClaim: () => void;
  onShowWallet?: () => void;
}) {
  const t = useCouponT();
  const { locale } = useLocale();
  const words = couponWords(t, locale, coupon);
  const left = couponsLeft(coupon);
  const gone = state === 'gone';
  return (
    <Card withBorder padding={0} component="article" aria-label={`${coupon.name} · ${words.headline}`} radius="md">
      <div className="coupon-ticket">
        <CouponStub words={words} dim={gone} />
        <Stack gap={4} className="coupon-terms">
          <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
            <Text fw={600} lineClamp={2}>
              {coupon.name}
            </Text>
            {coupon.firstOrderOnly ? (
              <Badge size="sm" color="red.9" variant="outline" style={{ flexShrink: 0 }}>
                {t('firstOrderOnly')}
              </Badge>
            ) : null}
          </Group>
          <Text fw={700} c="red.8" fz="sm">
            {words.headline}
          </Text>
          <Text fz="xs" c="gray.7">
            {words.scope} · {words.cap}
          </Text>
          <Group gap="xs" wrap="nowrap">
            <Progress
              value={coupon.totalQuantity > 0 ? (left / coupon.totalQuantity) * 100 : 0}
              color="red.8"
              size="sm"
              style={{ flex: 1 }}
              aria-label={t('leftLabel')}
            />
            <Text fz="xs" c="gray.7" className="tabular" style={{ whiteSpace: 'nowrap' }}>
              {t('left', { left, total: coupon.totalQuantity })}
            </Text>
          </Group>
          <Text fz="xs" c="gray.7">
            {t('validUntil', { date: formatDateTime(coupon.validTo, locale) })}
            {coupon.validMinutes !== null ? ` · ${t('validAfterClaim', { minutes: coupon.validMinutes })}` : ''}
          </Text>
          <Group justify="space-between" align="center" mt={4} gap="xs" wrap="nowrap" mih={30}>
            <Text fz="xs" c="green.9" role="status">
              {justClaimed ? (
                onShowWallet ? (
                  <Anchor component="button" type="button" fz="xs" c="green.9" onClick={onShowWallet}>
                    {t('claimedToast')}
                  </Anchor>
                ) : (
                  t('claimedToast')
                )
              ) : held > 0 && state !== 'claimed' ? (
                t('heldSome', { n: held })
              ) : null}
            </Text>
            <ClaimButton state={state} onClaim={onClaim} />
          </Group>
          <Refusal error={failure} p="xs" />
        </Stack>
      </div>
    </Card>
  );
}

function ClaimButton({ state, onClaim }: { state: ClaimState; onClaim: () => void }) {
  const t = useCouponT();
  switch (state) {
    case 'signIn':
      return (
        <Button component={Link} href={signInToClaimHref} size="xs" variant="outline" color="red.8" style={{ flexShrink: 0 }}>
          {t('signInToClaim')}
        </Button>
      );
    case 'claimed':
      return (
        <Badge color="green.9" variant="filled" size="lg" style={{ flexShrink: 0 }}>
          {t('claimed')}
        </Badge>
      );
    case 'gone':
      return (
        <Badge color="gray.7" variant="filled" size="lg" style={{ flexShrink: 0 }}>
          {t('gone')}
        </Badge>
      );
    default:
      return (
        <Button size="xs" color="red.8" loading={state === 'claiming'} onClick={onClaim} style={{ flexShrink: 0 }}>
          {state === 'claimAgain' ? t('claimAgain') : t('claim')}
        </Button>
      );
  }
}
