import type { CouponTemplate, CouponTemplateInput } from '../../api/types';
import { useT } from '../../i18n/locale';
import { useServerNow } from '../../serverClock';
import { ListPage } from '../ListPage';
import { useOperatorCall } from '../operatorApi';
import { usePolling } from '../usePolling';
import { CouponForm } from './CouponForm';
import { CouponList } from './CouponList';

const messages = {
  'zh-CN': { title: '优惠券' },
  en: { title: 'Coupons' },
};

/** Every coupon issued, its claimed count refreshed every few seconds, and the form to issue another. */
export function CouponsPage() {
  const t = useT(messages);
  const operator = useOperatorCall();
  const now = useServerNow(1000);
  const list = usePolling(async () => (await operator<{ coupons: CouponTemplate[] }>('/api/admin/coupons')).coupons, 'coupons', 3000);

  const issue = async (body: CouponTemplateInput) => {
    await operator<CouponTemplate>('/api/admin/coupons', { method: 'POST', body });
    list.reload();
  };

  return (
    <ListPage title={t('title')} error={list.error}>
      <CouponList coupons={list.data} now={now} />
      <CouponForm onIssue={issue} />
    </ListPage>
  );
}
