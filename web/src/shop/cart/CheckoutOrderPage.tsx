import { Stack } from '@mantine/core';
import { useEffect, useState } from 'react';
import { call } from '../../api/client';
import { useShopper } from '../../auth';
import { useServerNow } from '../../serverClock';
import { Failure, Loading } from '../CampaignPage';
import { SignInFirst } from '../SignInFirst';
import { useShopperData } from '../useShopperData';
import { CheckoutOrderView } from './CheckoutOrderView';
import type { CheckoutOrder } from './types';
import { PriceProtectionSection } from '../priceProtection/PriceProtectionSection';

/** `/checkout-orders/:orderId`: pay or cancel an order placed from the cart, and see it paid. */
export default function CheckoutOrderPage({ orderId }: { orderId: string }) {
  const signedIn = useShopper();
  const token = signedIn?.token ?? null;
  const now = useServerNow(250);
  const order = useShopperData<CheckoutOrder>(token, (t) => call<CheckoutOrder>(`/api/me/checkout-orders/${encodeURIComponent(orderId)}`, { token: t }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Past the deadline the server's sweep cancels the order: ask again once it should have.
  const overdue = order.data?.status === 'reserved' && now >= Date.parse(order.data.payBefore) + 1500;
  const { reload } = order;
  useEffect(() => {
    if (overdue) reload();
  }, [overdue, reload]);
  if (!signedIn) return <SignInFirst />;
  const act = (path: 'payments' | 'cancel') => {
    setBusy(true);
    setError(null);
    call<CheckoutOrder>(`/api/me/checkout-orders/${encodeURIComponent(orderId)}/${path}`, { method: 'POST', token: signedIn.token, body: {} })
      .then((answer) => order.setData(answer))
      .catch((failure: unknown) => {
        setError(failure);
        order.reload();
      })
      .finally(() => setBusy(false));
  };
  return (
    <Stack maw={720} mx="auto">
      {order.data ? (
        <>
          <CheckoutOrderView order={order.data} now={now} busy={busy} error={error} onPay={() => act('payments')} onCancel={() => act('cancel')} />
          {order.data.status === 'paid' ? <PriceProtectionSection key={order.data.paidAt} orderId={order.data.id} token={signedIn.token} /> : null}
        </>
      ) : order.error ? (
        <Failure error={order.error} />
      ) : (
        <Loading />
      )}
    </Stack>
  );
}
