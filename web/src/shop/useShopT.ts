import type { MemberTier } from '../api/types';
import { type Translate, useT } from '../i18n/locale';
import type { Ineligibility } from './eligibility';
import { messages, type ShopKey } from './messages';

export type ShopT = Translate<ShopKey>;

export function useShopT(): ShopT {
  return useT(messages);
}

export function tierName(t: ShopT, tier: MemberTier): string {
  return t(`tier_${tier}`);
}

export function tierList(t: ShopT, tiers: MemberTier[]): string {
  return tiers.map((tier) => tierName(t, tier)).join(t('tierJoin'));
}

/** The sentence a shopper reads for why they may not buy. */
export function reasonText(t: ShopT, reason: Ineligibility): string {
  switch (reason.kind) {
    case 'tier':
      return t('reasonTier', { tiers: tierList(t, reason.tiers) });
    case 'realName':
      return t('reasonRealName');
    case 'region':
      return t('reasonRegion');
    case 'invitation':
      return t('reasonInvitation');
  }
}
