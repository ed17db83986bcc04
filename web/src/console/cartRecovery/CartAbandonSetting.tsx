import { Alert } from '@mantine/core';
import type { CouponTemplate } from '../../api/types';
import { errorMessage } from '../../i18n/errors';
import { useLocale } from '../../i18n/locale';
import { useOperatorCall } from '../operatorApi';
import { usePolling } from '../usePolling';
import { CartAbandonForm } from './CartAbandonForm';
import type { CartAbandon, CartAbandonInput } from './cartAbandonRules';

/** The cart-abandon coupon panel: loads the setting and the grant coupons, then shows the form. */
export function CartAbandonSetting() {
  const { locale } = useLocale();
  const operator = useOperatorCall();
  const loaded = usePolling(async () => {
    const [setting, { coupons }] = await Promise.all([
      operator<CartAbandon>('/api/admin/cart-abandon'),
      operator<{ coupons: CouponTemplate[] }>('/api/admin/coupons'),
    ]);
    return { setting, templates: coupons.filter((coupon) => coupon.handout === 'grant') };
  }, 'cart-abandon');
  const save = async (body: CartAbandonInput) => {
    await operator<CartAbandon>('/api/admin/cart-abandon', { method: 'PUT', body });
  };
  if (loaded.error && !loaded.data) {
    return (
      <Alert color="red" role="alert">
        {errorMessage(loaded.error, locale)}
      </Alert>
    );
  }
  // The form starts from the stored setting, so it appears once that is known.
  if (!loaded.data) return null;
  return <CartAbandonForm setting={loaded.data.setting} templates={loaded.data.templates} onSave={save} />;
}
