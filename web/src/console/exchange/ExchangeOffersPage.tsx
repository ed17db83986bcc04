import { Badge, Button, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useT } from '../../i18n/locale';
import type { ExchangeOffer } from '../../shop/exchange/types';
import { FormCard } from '../FormCard';
import { ListPage, ListTable, Loaded } from '../ListPage';
import { playFormWords } from '../lottery/words';
import { useOperatorCall } from '../operatorApi';
import { Refusal } from '../Refusal';
import { useCheckedForm } from '../useCheckedForm';
import { usePolling } from '../usePolling';
import { checkExchangeOffer, emptyExchangeForm } from './exchangeRules';

const messages = {
  'zh-CN': {
    ...playFormWords['zh-CN'],
    title: '积分/能量兑换',
    intro: '用积分或签到能量兑换平台发放的优惠券；关闭后顾客看不到，进行中的兑换照常完成。',
    coupon: '优惠券',
    price: '价格',
    perUser: '每人限兑',
    left: '剩余',
    state: '状态',
    open: '兑换中',
    closed: '已关闭',
    close: '关闭',
    reopen: '重新开放',
    none: '还没有兑换商品，先上架一张券吧。',
    formTitle: '上架兑换',
    templateId: '优惠券 ID',
    currency: '用什么兑换',
    points: '积分',
    energy: '能量',
    priceField: '每张需要',
    perUserLimit: '每人最多兑换几次',
    submit: '上架',
    created: '已上架，{price} {currency}一张',
    badPrice: '请填 1–1000000 的整数',
    badLimit: '请填 1–100 的整数',
  },
  en: {
    ...playFormWords.en,
    title: 'Points & energy exchange',
    intro: 'Coupons the platform grants, for points or check-in energy. A closed offer is hidden from shoppers; redemptions under way still finish.',
    coupon: 'Coupon',
    price: 'Price',
    perUser: 'Per shopper',
    left: 'Left',
    state: 'State',
    open: 'Open',
    closed: 'Closed',
    close: 'Close',
    reopen: 'Reopen',
    none: 'Nothing to redeem yet — offer a coupon first.',
    formTitle: 'Offer a coupon',
    templateId: 'Coupon id',
    currency: 'Paid with',
    points: 'Points',
    energy: 'Energy',
    priceField: 'Price per coupon',
    perUserLimit: 'Redemptions per shopper',
    submit: 'Offer',
    created: 'Offered for {price} {currency} each',
    badPrice: 'A whole number from 1 to 1000000',
    badLimit: 'A whole number from 1 to 100',
  },
};

/** `/console/exchange`: the coupons shoppers may redeem with points or energy, and the form to offer another. */
export function ExchangeOffersPage() {
  const t = useT(messages);
  const operator = useOperatorCall();
  const list = usePolling(async () => (await operator<{ offers: ExchangeOffer[] }>('/api/admin/exchange-offers')).offers, 'exchange-offers', 5000);
  const [switching, setSwitching] = useState<string | null>(null);
  const [switchFailure, setSwitchFailure] = useState<unknown>(null);
  const form = useCheckedForm({
    initial: emptyExchangeForm,
    check: checkExchangeOffer,
    send: async (body) => {
      await operator<ExchangeOffer>('/api/admin/exchange-offers', { method: 'POST', body });
      list.reload();
    },
  });
  const text = (field: Parameters<typeof form.text>[0]) => form.text(field, t);

  const setActive = async (offer: ExchangeOffer) => {
    setSwitching(offer.id);
    setSwitchFailure(null);
    try {
      await operator<ExchangeOffer>(`/api/admin/exchange-offers/${offer.id}`, { method: 'PATCH', body: { active: !offer.active } });
      list.reload();
    } catch (error) {
      setSwitchFailure(error);
    } finally {
      setSwitching(null);
    }
  };

  return (
    <ListPage title={t('title')} intro={t('intro')} error={list.error}>
      <Stack gap="xs">
        <Refusal error={switchFailure} />
        <Loaded items={list.data} none={t('none')}>
          {(offers) => (
            <ListTable minWidth={720} headers={[t('coupon'), t('price'), t('perUser'), t('left'), t('state'), '']}>
              {offers.map((offer) => (
                <Table.Tr key={offer.id}>
                  <Table.Td>
                    {offer.template.name} (#{offer.template.id})
                  </Table.Td>
                  <Table.Td className="tabular">
                    {offer.price} {t(offer.currency)}
                  </Table.Td>
                  <Table.Td className="tabular">{offer.perUserLimit}</Table.Td>
                  <Table.Td className="tabular">{offer.left}</Table.Td>
                  <Table.Td>
                    <Badge color={offer.active ? 'teal.9' : 'gray.7'} variant="filled" tt="none">
                      {offer.active ? t('open') : t('closed')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="default" loading={switching === offer.id} onClick={() => void setActive(offer)}>
                      {offer.active ? t('close') : t('reopen')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </ListTable>
          )}
        </Loaded>
      </Stack>
      <FormCard
        id="exchange-form-title"
        title={t('formTitle')}
        onSubmit={form.submit}
        failure={form.failure}
        done={form.sent ? t('created', { price: form.sent.price, currency: t(form.sent.currency) }) : null}
        submit={t('submit')}
        busy={form.busy}
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('templateId')} description={t('templateHint')} {...text('templateId')} inputMode="numeric" required />
          <Stack gap={4}>
            <Text fz="sm" fw={500} id="exchange-currency">
              {t('currency')}
            </Text>
            <SegmentedControl
              aria-labelledby="exchange-currency"
              value={form.values.currency}
              onChange={(value) => form.set({ currency: value as 'points' | 'energy' })}
              data={[
                { value: 'energy', label: t('energy') },
                { value: 'points', label: t('points') },
              ]}
            />
          </Stack>
          <TextInput label={t('priceField')} {...text('price')} inputMode="numeric" required />
          <TextInput label={t('perUserLimit')} {...text('perUserLimit')} inputMode="numeric" required />
        </SimpleGrid>
      </FormCard>
    </ListPage>
  );
}
