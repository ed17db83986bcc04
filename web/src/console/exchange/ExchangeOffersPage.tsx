import { Badge, Button, Group, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { formatDateTime } from '../../format';
import { useLocale, useT } from '../../i18n/locale';
import type { ExchangeOffer, GoodsToShip } from '../../shop/exchange/types';
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
    intro: '用积分或签到能量兑换平台发放的优惠券或实物（人工发货）；关闭后顾客看不到，进行中的兑换照常完成。',
    coupon: '优惠券',
    what: '兑换内容',
    kind: '兑换什么',
    goods: '实物',
    goodsName: '实物名称',
    goodsHint: '例如：定制保温杯，人工发货',
    quantity: '数量',
    badName: '最多 60 个字',
    badQuantity: '请填 1–1000000 的整数',
    toShip: '发货清单',
    toShipOf: '「{name}」发货清单',
    noneToShip: '还没有顾客兑换。',
    shopper: '顾客',
    redeemedAt: '兑换时间',
    shipped: '已发货',
    markShipped: '标记已发货',
    price: '价格',
    perUser: '每人限兑',
    left: '剩余',
    state: '状态',
    open: '兑换中',
    closed: '已关闭',
    close: '关闭',
    reopen: '重新开放',
    none: '还没有兑换商品，先上架一张券或实物吧。',
    formTitle: '上架兑换',
    templateId: '优惠券 ID',
    currency: '用什么兑换',
    points: '积分',
    energy: '能量',
    priceField: '每份需要',
    perUserLimit: '每人最多兑换几次',
    submit: '上架',
    created: '已上架，{price} {currency}一份',
    badPrice: '请填 1–1000000 的整数',
    badLimit: '请填 1–100 的整数',
  },
  en: {
    ...playFormWords.en,
    title: 'Points & energy exchange',
    intro: 'Coupons the platform grants, or goods shipped by hand, for points or check-in energy. A closed offer is hidden from shoppers; redemptions under way still finish.',
    coupon: 'Coupon',
    what: 'Offer',
    kind: 'What is offered',
    goods: 'Goods',
    goodsName: 'Goods',
    goodsHint: 'E.g. a custom thermos, shipped by hand',
    quantity: 'Quantity',
    badName: 'At most 60 characters',
    badQuantity: 'A whole number from 1 to 1000000',
    toShip: 'To ship',
    toShipOf: 'To ship: “{name}”',
    noneToShip: 'Nobody has redeemed these yet.',
    shopper: 'Shopper',
    redeemedAt: 'Redeemed',
    shipped: 'Shipped',
    markShipped: 'Mark shipped',
    price: 'Price',
    perUser: 'Per shopper',
    left: 'Left',
    state: 'State',
    open: 'Open',
    closed: 'Closed',
    close: 'Close',
    reopen: 'Reopen',
    none: 'Nothing to redeem yet — offer a coupon or goods first.',
    formTitle: 'Offer a coupon or goods',
    templateId: 'Coupon id',
    currency: 'Paid with',
    points: 'Points',
    energy: 'Energy',
    priceField: 'Price per coupon or unit',
    perUserLimit: 'Redemptions per shopper',
    submit: 'Offer',
    created: 'Offered for {price} {currency} each',
    badPrice: 'A whole number from 1 to 1000000',
    badLimit: 'A whole number from 1 to 100',
  },
};

type Say = (key: keyof (typeof messages)['en'], vars?: Record<string, string | number>) => string;

/** The units of a goods offer given to shoppers, oldest first, each to mark shipped once it went out. */
function ToShipList({ offer, t }: { offer: ExchangeOffer; t: Say }) {
  const operator = useOperatorCall();
  const { locale } = useLocale();
  const list = usePolling(async () => (await operator<{ redemptions: GoodsToShip[] }>(`/api/admin/exchange-offers/${offer.id}/redemptions`)).redemptions, `to-ship:${offer.id}`, 5000);
  const [marking, setMarking] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const ship = async (id: string) => {
    setMarking(id);
    setFailure(null);
    try {
      await operator<GoodsToShip>(`/api/admin/exchanges/${id}/shipped`, { method: 'POST', body: {} });
      list.reload();
    } catch (error) {
      setFailure(error);
    } finally {
      setMarking(null);
    }
  };
  return (
    <Stack gap="xs" component="section" aria-labelledby={`to-ship-${offer.id}`}>
      <Title order={2} fz="md" id={`to-ship-${offer.id}`}>
        {t('toShipOf', { name: offer.goodsName ?? '' })}
      </Title>
      <Refusal error={failure ?? list.error} />
      <Loaded items={list.data} none={t('noneToShip')}>
        {(items) => (
          <ListTable minWidth={560} headers={[t('shopper'), t('goodsName'), t('redeemedAt'), t('state')]}>
            {items.map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td className="tabular">{item.phone ?? `#${item.userId}`}</Table.Td>
                <Table.Td>{item.goodsName}</Table.Td>
                <Table.Td className="tabular">{formatDateTime(item.at, locale)}</Table.Td>
                <Table.Td>
                  {item.shippedAt ? (
                    <Badge color="teal.9" variant="filled" tt="none">
                      {t('shipped')}
                    </Badge>
                  ) : (
                    <Button size="xs" variant="default" loading={marking === item.id} onClick={() => void ship(item.id)}>
                      {t('markShipped')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        )}
      </Loaded>
    </Stack>
  );
}

/** `/console/exchange`: the coupons and goods shoppers may redeem with points or energy, the form to offer another, and the goods to ship. */
export function ExchangeOffersPage() {
  const t = useT(messages);
  const [shipping, setShipping] = useState<string | null>(null);
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
            <ListTable minWidth={720} headers={[t('what'), t('price'), t('perUser'), t('left'), t('state'), '']}>
              {offers.map((offer) => (
                <Table.Tr key={offer.id}>
                  <Table.Td>
                    {offer.template ? `${offer.template.name} (#${offer.template.id})` : `${t('goods')} · ${offer.goodsName ?? ''}`}
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
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" variant="default" loading={switching === offer.id} onClick={() => void setActive(offer)}>
                        {offer.active ? t('close') : t('reopen')}
                      </Button>
                      {offer.kind === 'goods' ? (
                        <Button size="xs" variant={shipping === offer.id ? 'filled' : 'default'} aria-pressed={shipping === offer.id} onClick={() => setShipping(shipping === offer.id ? null : offer.id)}>
                          {t('toShip')}
                        </Button>
                      ) : null}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </ListTable>
          )}
        </Loaded>
        {(() => {
          const offer = list.data?.find((o) => o.id === shipping && o.kind === 'goods');
          return offer ? <ToShipList key={offer.id} offer={offer} t={t} /> : null;
        })()}
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
        <Stack gap={4}>
          <Text fz="sm" fw={500} id="exchange-kind">
            {t('kind')}
          </Text>
          <SegmentedControl
            aria-labelledby="exchange-kind"
            value={form.values.kind}
            onChange={(value) => form.set({ kind: value as 'coupon' | 'goods' })}
            data={[
              { value: 'coupon', label: t('coupon') },
              { value: 'goods', label: t('goods') },
            ]}
          />
        </Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {form.values.kind === 'coupon' ? (
            <TextInput label={t('templateId')} description={t('templateHint')} {...text('templateId')} inputMode="numeric" required />
          ) : (
            <>
              <TextInput label={t('goodsName')} description={t('goodsHint')} {...text('goodsName')} required />
              <TextInput label={t('quantity')} {...text('quantity')} inputMode="numeric" required />
            </>
          )}
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
