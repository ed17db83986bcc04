import { NativeSelect, Switch, Text, TextInput } from '@mantine/core';
import type { CouponTemplate } from '../../api/types';
import { useT } from '../../i18n/locale';
import { FormCard } from '../FormCard';
import { useCheckedForm } from '../useCheckedForm';
import { type CartAbandon, type CartAbandonInput, type CartAbandonMistake, cartAbandonFormOf, cartAbandonLimits, checkCartAbandon } from './cartAbandonRules';

const messages = {
  'zh-CN': {
    title: '购物车挽回券',
    intro: '顾客加购后超过设定时间仍未下单，自动发一张优惠券并通过站内信和已开通的渠道提醒，每次加购只发一次。',
    enabled: '开启购物车挽回券',
    template: '发放的优惠券',
    templateHint: '只能选“平台发放”的优惠券；券的有效分钟数（例如 30）从发放时算起',
    choose: '请选择',
    none: '还没有“平台发放”的优惠券，请先在优惠券页创建。',
    validFor: '{name}（发放后 {minutes} 分钟内有效）',
    validToEnd: '{name}（有效至券的结束时间）',
    afterMinutes: '加购后多少分钟未下单（分钟）',
    save: '保存',
    savedOn: '已开启：加购 {minutes} 分钟后未下单即发券',
    savedOff: '已关闭购物车挽回券',
    templateRequired: '请选择一张优惠券',
    minutesRange: '请输入 {min} 到 {max} 之间的整数分钟',
  },
  en: {
    title: 'Cart-abandon coupon',
    intro: 'A shopper who leaves a cart without ordering for the set time is given a coupon and told in the inbox and every channel on, once per cart.',
    enabled: 'Give a cart-abandon coupon',
    template: 'Coupon to give',
    templateHint: 'Only coupons handed out by the platform (grant); its valid minutes (e.g. 30) count from when it is given',
    choose: 'Choose…',
    none: 'No coupon handed out by the platform yet: create one on the coupons page first.',
    validFor: '{name} (valid {minutes} minutes after it is given)',
    validToEnd: '{name} (valid until the coupon ends)',
    afterMinutes: 'Minutes after adding to the cart without an order',
    save: 'Save',
    savedOn: 'On: a coupon after {minutes} minutes without an order',
    savedOff: 'Cart-abandon coupon turned off',
    templateRequired: 'Choose a coupon',
    minutesRange: 'Whole minutes from {min} to {max}',
  },
};

/** The operator's cart-abandon coupon: on or off, which grant coupon, after how many minutes. */
export function CartAbandonForm({
  setting,
  templates,
  onSave,
}: {
  setting: CartAbandon | null;
  /** Coupons handed out by the platform (the only ones it may give). */
  templates: CouponTemplate[];
  onSave: (body: CartAbandonInput) => Promise<void>;
}) {
  const t = useT(messages);
  const { values, set, errors, failure, busy, sent, submit, text } = useCheckedForm({
    initial: () => cartAbandonFormOf(setting),
    check: checkCartAbandon,
    send: onSave,
    keepValues: true,
  });
  const say = (mistake: CartAbandonMistake) => t(mistake, { min: cartAbandonLimits.minMinutes, max: cartAbandonLimits.maxMinutes });
  const done = sent ? (sent.enabled ? t('savedOn', { minutes: sent.afterMinutes }) : t('savedOff')) : null;
  const options = templates.map((template) => ({
    value: template.id,
    label: template.validMinutes ? t('validFor', { name: template.name, minutes: template.validMinutes }) : t('validToEnd', { name: template.name }),
  }));
  return (
    <FormCard id="cart-abandon-title" title={t('title')} onSubmit={(event) => void submit(event)} failure={failure} done={done} submit={t('save')} busy={busy}>
      <Text size="sm" c="dimmed">
        {t('intro')}
      </Text>
      <Switch label={t('enabled')} checked={values.enabled} onChange={(event) => set({ enabled: event.currentTarget.checked })} />
      {values.enabled ? (
        <>
          {templates.length === 0 ? (
            <Text size="sm" c="orange">
              {t('none')}
            </Text>
          ) : null}
          <NativeSelect
            label={t('template')}
            description={t('templateHint')}
            value={values.templateId}
            onChange={(event) => set({ templateId: event.currentTarget.value })}
            data={[{ value: '', label: t('choose') }, ...options]}
            error={errors.templateId ? say(errors.templateId) : undefined}
            required
          />
          <TextInput label={t('afterMinutes')} inputMode="numeric" {...text('afterMinutes', say)} required />
        </>
      ) : null}
    </FormCard>
  );
}
