import { Checkbox, Group, Radio, Select, SimpleGrid, TextInput } from '@mantine/core';
import type { CouponTemplateInput } from '../../api/types';
import { useT } from '../../i18n/locale';
import { serverNow } from '../../serverClock';
import { WindowFields, YuanInput } from '../fields';
import { FormCard } from '../FormCard';
import { useCheckedForm } from '../useCheckedForm';
import { limits } from '../validation';
import {
  checkCoupon,
  type CouponKind,
  couponKinds,
  couponLimits,
  type CouponScopeType,
  couponScopeTypes,
  emptyCouponForm,
} from './couponRules';
import { couponValidationLabels, kindLabels, scopeLabels } from './couponWords';

const messages = {
  'zh-CN': {
    title: '发放优惠券',
    name: '优惠券名称',
    kind: '优惠方式',
    amountOff: '减免金额（元）',
    percentOff: '折扣（减百分之几）',
    percentHint: '20 = 减 20%，即 8 折',
    maxOff: '最多减（元，可选）',
    threshold: '使用门槛（元）',
    thresholdHint: '满多少元可用；留空或 0 = 无门槛',
    firstOrderOnly: '仅限首单使用',
    scopeType: '适用范围',
    scopeId: '{scope} ID',
    totalQuantity: '发放总量',
    perUserLimit: '每人限领',
    validFrom: '开始时间',
    validTo: '结束时间',
    validMinutes: '领取后有效分钟数（可选）',
    validMinutesHint: '留空 = 整个有效期内可用；购物车挽回券：30',
    grantOnly: '仅由平台发放（预约礼、奖品、奖励），不进领券中心',
    submit: '发放优惠券',
    issued: '已发放「{name}」',
  },
  en: {
    title: 'Issue a coupon',
    name: 'Coupon name',
    kind: 'Discount',
    amountOff: 'Amount off (yuan)',
    percentOff: 'Per cent off',
    percentHint: '20 = 20% off',
    maxOff: 'At most off (yuan, optional)',
    threshold: 'Threshold (yuan)',
    thresholdHint: 'Minimum spend; empty or 0 = no threshold',
    firstOrderOnly: 'First order only',
    scopeType: 'Applies to',
    scopeId: '{scope} id',
    totalQuantity: 'Total to issue',
    perUserLimit: 'Limit per shopper',
    validFrom: 'Valid from',
    validTo: 'Valid to',
    validMinutes: 'Minutes valid after claim (optional)',
    validMinutesHint: 'Empty = valid for the whole window; cart-abandon coupon: 30',
    grantOnly: 'Only handed out by the platform (booking gifts, prizes, rewards), not in the coupon center',
    submit: 'Issue coupon',
    issued: 'Issued “{name}”',
  },
};

/** Issues a kind of coupon; mistakes are shown per field before anything is sent, the server's answer after. */
export function CouponForm({ onIssue }: { onIssue: (body: CouponTemplateInput) => Promise<void> }) {
  const t = useT(messages);
  const tv = useT(couponValidationLabels);
  const tk = useT(kindLabels);
  const tsc = useT(scopeLabels);
  const form = useCheckedForm({ initial: () => emptyCouponForm(serverNow()), check: checkCoupon, send: onIssue });
  const { values, set, sent } = form;
  const text = (field: Parameters<typeof form.text>[0]) => form.text(field, tv);

  return (
    <FormCard
      id="coupon-form-title"
      title={t('title')}
      onSubmit={form.submit}
      failure={form.failure}
      done={sent ? t('issued', { name: sent.name }) : null}
      submit={t('submit')}
      busy={form.busy}
    >
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <TextInput label={t('name')} {...text('name')} maxLength={limits.name} required />
        <Radio.Group label={t('kind')} value={values.kind} onChange={(kind) => set({ kind: kind as CouponKind })}>
          <Group gap="md" mt={8}>
            {couponKinds.map((kind) => (
              <Radio key={kind} value={kind} label={tk(kind)} />
            ))}
          </Group>
        </Radio.Group>
        <Checkbox
          label={t('firstOrderOnly')}
          checked={values.firstOrderOnly}
          onChange={(e) => set({ firstOrderOnly: e.currentTarget.checked })}
          mt={{ base: 0, sm: 30 }}
        />
        {values.kind === 'amount' ? (
          <YuanInput label={t('amountOff')} {...text('amountOff')} required />
        ) : (
          <>
            <TextInput label={t('percentOff')} description={t('percentHint')} {...text('percentOff')} inputMode="numeric" rightSection="%" required />
            <YuanInput label={t('maxOff')} {...text('maxOff')} />
          </>
        )}
        <YuanInput label={t('threshold')} description={t('thresholdHint')} {...text('threshold')} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <Select
          label={t('scopeType')}
          value={values.scopeType}
          onChange={(value) => value && set({ scopeType: value as CouponScopeType })}
          data={couponScopeTypes.map((type) => ({ value: type, label: tsc(type) }))}
          allowDeselect={false}
        />
        {values.scopeType !== 'all' ? (
          <TextInput label={t('scopeId', { scope: tsc(values.scopeType) })} {...text('scopeId')} maxLength={couponLimits.scopeId} required />
        ) : null}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <TextInput label={t('totalQuantity')} {...text('totalQuantity')} inputMode="numeric" required />
        <TextInput label={t('perUserLimit')} {...text('perUserLimit')} inputMode="numeric" required />
        <TextInput label={t('validMinutes')} description={t('validMinutesHint')} {...text('validMinutes')} inputMode="numeric" />
        <WindowFields start={text('validFrom')} end={text('validTo')} labels={{ start: t('validFrom'), end: t('validTo') }} />
      </SimpleGrid>
      <Checkbox label={t('grantOnly')} checked={values.grantOnly} onChange={(e) => set({ grantOnly: e.currentTarget.checked })} />
    </FormCard>
  );
}
