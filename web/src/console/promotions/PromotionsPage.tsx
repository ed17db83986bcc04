import { useState } from 'react';
import { useT } from '../../i18n/locale';
import { CartAbandonSetting } from '../cartRecovery/CartAbandonSetting';
import { ListPage } from '../ListPage';
import { useOperatorCall } from '../operatorApi';
import { usePolling } from '../usePolling';
import { PriceProtectionSetting } from './PriceProtectionSetting';
import { PromotionForm } from './PromotionForm';
import { PromotionList } from './PromotionList';
import type { Promotion, PromotionInput } from './promotionRules';

const messages = {
  'zh-CN': { title: '促销', intro: '满减、会员价、折扣和立减：进行中的促销自动用于每一单，系统为顾客选出最优组合。' },
  en: { title: 'Promotions', intro: 'Spend reductions, member prices and discounts: running promotions price every order, the best combination for the shopper.' },
};

/** Every promotion with its state, refreshed every few seconds; disable or enable one; the form to create another. */
export default function PromotionsPage() {
  const t = useT(messages);
  const operator = useOperatorCall();
  const list = usePolling(async () => (await operator<{ promotions: Promotion[] }>('/api/admin/promotions')).promotions, 'promotions', 5000);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const create = async (body: PromotionInput) => {
    await operator<Promotion>('/api/admin/promotions', { method: 'POST', body });
    list.reload();
  };

  const enable = async (promotion: Promotion, enabled: boolean) => {
    setBusyId(promotion.id);
    setFailure(null);
    try {
      await operator<Promotion>(`/api/admin/promotions/${promotion.id}`, { method: 'PATCH', body: { enabled } });
      list.reload();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusyId(null);
    }
  };

  return (
    <ListPage title={t('title')} intro={t('intro')} error={failure ?? list.error}>
      <PromotionList promotions={list.data} onEnable={(p, on) => void enable(p, on)} busyId={busyId} />
      <PromotionForm onCreate={create} />
      <PriceProtectionSetting />
      <CartAbandonSetting />
    </ListPage>
  );
}
