import { Button, Checkbox, Fieldset, Group, Radio, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useT } from '../../i18n/locale';
import { serverNow } from '../../serverClock';
import { WindowFields, YuanInput } from '../fields';
import { FormCard } from '../FormCard';
import { memberTiers, tierLabels } from '../labels';
import { useCheckedForm } from '../useCheckedForm';
import {
  checkPromotion,
  emptyPromotionForm,
  type PromotionField,
  type PromotionFormValues,
  type PromotionInput,
  type PromotionKind,
  promotionKinds,
  promotionLimits,
  type PromotionScopeKind,
  promotionScopeKinds,
} from './promotionRules';
import { promotionKindLabels, promotionScopeLabels, promotionValidationLabels } from './promotionWords';

const messages = {
  'zh-CN': {
    title: '新建促销',
    label: '促销名称',
    labelHint: '在商品和购物车里原样展示，例如 满300减50/满600减150',
    kind: '优惠方式',
    tiers: '满减阶梯',
    threshold: '第 {n} 档 满（元）',
    off: '第 {n} 档 减（元）',
    addTier: '加一档',
    removeTier: '删除第 {n} 档',
    memberRates: '各会员等级的折扣',
    memberHint: '填几折，例如 9.5 = 95折；留空 = 该等级不享受',
    zhe: '折扣（折）',
    zheHint: '例如 9 = 9折，8.5 = 85折',
    cap: '最多减（元，可选）',
    amountOff: '减免金额（元）',
    minSpend: '使用门槛（元，可选）',
    scopeKind: '适用范围',
    merchantId: '店铺 ID',
    categoryId: '品类 ID',
    itemIds: '商品 ID（用逗号分隔）',
    stacking: '叠加规则',
    stackingGroup: '互斥组（可选）',
    stackingHint: '同组的促销只取一个；留空 = 单独一组，可与其他促销叠加',
    exclusive: '独享（不与任何其他优惠同享）',
    priority: '优先级',
    priorityHint: '数字小的先计算',
    submit: '创建促销',
    created: '已创建「{label}」',
  },
  en: {
    title: 'New promotion',
    label: 'Promotion name',
    labelHint: 'Shown as is on items and in the cart, e.g. 满300减50/满600减150',
    kind: 'Discount',
    tiers: 'Spend tiers',
    threshold: 'Tier {n}: spend (yuan)',
    off: 'Tier {n}: off (yuan)',
    addTier: 'Add a tier',
    removeTier: 'Remove tier {n}',
    memberRates: 'Rate per member tier',
    memberHint: 'In 折: 9.5 = pay 95%; empty = no member price for that tier',
    zhe: 'Rate (折)',
    zheHint: '9 = pay 90%, 8.5 = pay 85%',
    cap: 'At most off (yuan, optional)',
    amountOff: 'Amount off (yuan)',
    minSpend: 'Minimum spend (yuan, optional)',
    scopeKind: 'Applies to',
    merchantId: 'Merchant id',
    categoryId: 'Category id',
    itemIds: 'Item ids (comma separated)',
    stacking: 'Stacking',
    stackingGroup: 'Stacking group (optional)',
    stackingHint: 'Only one promotion of a group applies; empty = a group of its own, stacks with others',
    exclusive: 'Exclusive (applies alone)',
    priority: 'Priority',
    priorityHint: 'Lower numbers apply first',
    submit: 'Create promotion',
    created: 'Created “{label}”',
  },
};

/** Creates a promotion of any kind; mistakes are shown per field before anything is sent, the server's answer after. */
export function PromotionForm({ onCreate }: { onCreate: (body: PromotionInput) => Promise<void> }) {
  const t = useT(messages);
  const tv = useT(promotionValidationLabels);
  const tk = useT(promotionKindLabels);
  const tsc = useT(promotionScopeLabels);
  const tt = useT(tierLabels);
  const form = useCheckedForm({
    initial: () => emptyPromotionForm(serverNow()),
    check: checkPromotion,
    send: onCreate,
  });
  const { values, set, errors } = form;
  const error = (field: PromotionField) => (errors[field] ? tv(errors[field]) : undefined);
  const text = (field: Parameters<typeof form.text>[0]) => form.text(field, tv);
  const setTier = (index: number, patch: Partial<PromotionFormValues['tiers'][number]>) =>
    set({ tiers: values.tiers.map((tier, i) => (i === index ? { ...tier, ...patch } : tier)) });

  return (
    <FormCard
      id="promotion-form-title"
      title={t('title')}
      onSubmit={form.submit}
      failure={form.failure}
      done={form.sent ? t('created', { label: form.sent.label }) : null}
      submit={t('submit')}
      busy={form.busy}
    >
      <TextInput label={t('label')} description={t('labelHint')} {...text('label')} maxLength={promotionLimits.label} required />
      <Radio.Group label={t('kind')} value={values.kind} onChange={(kind) => set({ kind: kind as PromotionKind })}>
        <Group gap="md" mt={8}>
          {promotionKinds.map((kind) => (
            <Radio key={kind} value={kind} label={tk(kind)} />
          ))}
        </Group>
      </Radio.Group>

      {values.kind === 'spend-reduction' ? (
        <Fieldset legend={t('tiers')}>
          <Stack gap="xs">
            {values.tiers.map((tier, i) => (
              <Group key={i} align="flex-start" gap="sm" wrap="wrap">
                <YuanInput
                  label={t('threshold', { n: i + 1 })}
                  value={tier.threshold}
                  onChange={(e) => setTier(i, { threshold: e.currentTarget.value })}
                  error={error(`tier${i}Threshold`)}
                  required
                />
                <YuanInput
                  label={t('off', { n: i + 1 })}
                  value={tier.off}
                  onChange={(e) => setTier(i, { off: e.currentTarget.value })}
                  error={error(`tier${i}Off`)}
                  required
                />
                {values.tiers.length > 1 ? (
                  <Button variant="subtle" color="red.9" mt={{ base: 0, xs: 24 }} onClick={() => set({ tiers: values.tiers.filter((_, j) => j !== i) })}>
                    {t('removeTier', { n: i + 1 })}
                  </Button>
                ) : null}
              </Group>
            ))}
            {values.tiers.length < promotionLimits.tiers ? (
              <Group>
                <Button variant="light" onClick={() => set({ tiers: [...values.tiers, { threshold: '', off: '' }] })}>
                  {t('addTier')}
                </Button>
              </Group>
            ) : null}
          </Stack>
        </Fieldset>
      ) : null}

      {values.kind === 'member-discount' ? (
        <Fieldset legend={t('memberRates')}>
          <Text size="sm" c="dimmed" mb="xs">
            {t('memberHint')}
          </Text>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            {memberTiers.map((tier) => (
              <TextInput
                key={tier}
                label={tt(tier)}
                value={values.memberZhe[tier]}
                onChange={(e) => set({ memberZhe: { ...values.memberZhe, [tier]: e.currentTarget.value } })}
                error={error(`member-${tier}`)}
                inputMode="decimal"
                rightSection="折"
              />
            ))}
          </SimpleGrid>
          {errors.memberRates ? (
            <Text size="sm" c="red.8" mt="xs" role="alert">
              {tv(errors.memberRates)}
            </Text>
          ) : null}
        </Fieldset>
      ) : null}

      {values.kind === 'percent-off' || values.kind === 'amount-off' ? (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {values.kind === 'percent-off' ? (
            <>
              <TextInput label={t('zhe')} description={t('zheHint')} {...text('zhe')} inputMode="decimal" rightSection="折" required />
              <YuanInput label={t('cap')} {...text('cap')} />
            </>
          ) : (
            <YuanInput label={t('amountOff')} {...text('off')} required />
          )}
          <YuanInput label={t('minSpend')} {...text('minSpend')} />
        </SimpleGrid>
      ) : null}

      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <Select
          label={t('scopeKind')}
          value={values.scopeKind}
          onChange={(value) => value && set({ scopeKind: value as PromotionScopeKind })}
          data={promotionScopeKinds.map((kind) => ({ value: kind, label: tsc(kind) }))}
          allowDeselect={false}
        />
        {values.scopeKind !== 'cart' ? (
          <TextInput
            label={t(values.scopeKind === 'merchant' ? 'merchantId' : values.scopeKind === 'category' ? 'categoryId' : 'itemIds')}
            {...text('scopeId')}
            required
          />
        ) : null}
      </SimpleGrid>

      <Fieldset legend={t('stacking')}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          <TextInput label={t('stackingGroup')} description={t('stackingHint')} {...text('stackingGroup')} maxLength={promotionLimits.group} />
          <TextInput label={t('priority')} description={t('priorityHint')} {...text('priority')} inputMode="numeric" />
          <Checkbox label={t('exclusive')} checked={values.exclusive} onChange={(e) => set({ exclusive: e.currentTarget.checked })} mt={{ base: 0, lg: 30 }} />
        </SimpleGrid>
      </Fieldset>

      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <WindowFields start={text('startsAt')} end={text('endsAt')} />
      </SimpleGrid>
    </FormCard>
  );
}
