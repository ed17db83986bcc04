import { Alert, Stack, Title } from '@mantine/core';
import type { CouponTemplate, CouponTemplateInput } from '../../api/types';
import { errorMessage } from '../../i18n/errors';
import { useLocale, useT } from '../../i18n/locale';
import { useServerNow } from '../../serverClock';
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
  const { locale } = useLocale();
  const operator = useOperatorCall();
  const now = useServerNow(1000);
  const list = usePolling(async () => (await operator<{ coupons: CouponTemplate[] }>('/api/admin/coupons')).coupons, 'coupons', 3000);

  const issue = async (body: CouponTemplateInput) => {
    await operator<CouponTemplate>('/api/admin/coupons', { method: 'POST', body });
    list.reload();
  };

  return (
    <Stack>
      <Title order={1} fz="h2">
        {t('title')}
      </Title>
      {list.error ? (
        <Alert color="red" role="alert">
          {errorMessage(list.error, locale)}
        </Alert>
      ) : null}
      <CouponList coupons={list.data} now={now} />
      <CouponForm onIssue={issue} />
    </Stack>
  );
}
