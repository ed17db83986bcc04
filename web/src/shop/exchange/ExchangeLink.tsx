import { Anchor } from '@mantine/core';
import { Link } from 'wouter';
import { useT } from '../../i18n/locale';

const messages = {
  'zh-CN': { link: '用积分/能量兑换优惠券、抽奖、好友助力 ›' },
  en: { link: 'Redeem points & energy, lucky draws, friends assist ›' },
};

/** Where the energy earned by checking in can be spent: the exchange page. */
export function ExchangeLink() {
  const t = useT(messages);
  return (
    <Anchor component={Link} href="/exchange" fw={600} c="red.9">
      {t('link')}
    </Anchor>
  );
}
