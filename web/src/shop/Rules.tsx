import { List, Paper, Title } from '@mantine/core';
import type { Item, MemberTier, Session } from '../api/types';
import { tierRank } from './eligibility';
import { tierList, tierName, useShopT } from './useShopT';

/**
 * The session's rules in plain words, including only the eligibility rules its items use (an item's
 * page states its own conditions and leaves them out here).
 */
export function Rules({
  session,
  withEligibility = true,
}: {
  session: Pick<Session, 'paymentWindowSeconds'> & { items: Item[] };
  withEligibility?: boolean;
}) {
  const t = useShopT();
  const items = withEligibility ? session.items : [];
  const limits = new Set(session.items.map((item) => item.perUserLimit));
  const tiers = new Set<MemberTier>();
  let realName = false;
  let region = false;
  let invitation = false;
  let priority: { minTier: MemberTier; minutes: number } | null = null;
  for (const { eligibility } of items) {
    for (const tier of eligibility.tiers ?? []) tiers.add(tier);
    realName ||= Boolean(eligibility.realNameRequired);
    region ||= Boolean(eligibility.regionsAllowed?.length || eligibility.regionsDenied?.length);
    invitation ||= Boolean(eligibility.invitedUserIds?.length);
    const window = eligibility.priorityWindow;
    if (window && (!priority || window.minutes > priority.minutes)) priority = window;
  }
  const rules: string[] = [t('ruleAnyone')];
  rules.push(limits.size === 1 ? t('ruleLimitSame', { limit: [...limits][0] }) : t('ruleLimitEach'));
  rules.push(t('rulePay', { minutes: Math.max(1, Math.round(session.paymentWindowSeconds / 60)) }));
  rules.push(t('ruleStock'));
  if (tiers.size > 0) rules.push(t('ruleTier', { tiers: tierList(t, [...tiers].sort((a, b) => tierRank(a) - tierRank(b))) }));
  if (realName) rules.push(t('ruleRealName'));
  if (region) rules.push(t('ruleRegion'));
  if (invitation) rules.push(t('ruleInvitation'));
  if (priority) rules.push(t('rulePriority', { tier: tierName(t, priority.minTier), minutes: priority.minutes }));
  rules.push(t('ruleClock'));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="rules-title">
      <Title order={2} fz="lg" id="rules-title" mb="xs">
        {t('rules')}
      </Title>
      <List spacing={4} size="sm">
        {rules.map((rule) => (
          <List.Item key={rule}>{rule}</List.Item>
        ))}
      </List>
    </Paper>
  );
}
