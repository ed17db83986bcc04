import { Alert, Button, Checkbox, Fieldset, Group, MultiSelect, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useId } from 'react';
import type { MemberTier } from '../api/types';
import { formatPrice } from '../format';
import { errorMessage } from '../i18n/errors';
import { useLocale, useT } from '../i18n/locale';
import { memberTiers, tierLabels, validationLabels } from './labels';
import { useCheckedForm } from './useCheckedForm';
import { checkItem, type ItemBody, type ItemField, type ItemFormValues, limits, yuanToCents } from './validation';

const messages = {
  'zh-CN': {
    title: '商品名称',
    originalPrice: '原价（元）',
    flashPrice: '秒杀价（元）',
    stock: '秒杀库存',
    perUserLimit: '每人限购',
    sku: 'SKU（可选）',
    skuFixed: 'SKU 创建后不能修改',
    eligibility: '购买资格',
    tiers: '会员等级（不选 = 所有人）',
    realName: '需要实名认证',
    regionsAllowed: '仅限地区',
    regionsDenied: '排除地区',
    regionsHint: 'ISO 3166-2 代码，逗号分隔，例如 CN-31, CN-11',
    invited: '仅限受邀用户 ID',
    invitedHint: '用户 ID，逗号分隔；留空 = 不限',
    priority: '优先购买',
    priorityTier: '最低会员等级',
    priorityMinutes: '提前分钟数',
    priorityHint: '该等级及以上的会员可在开场前提前购买',
    none: '无',
    add: '上架商品',
    save: '保存修改',
    cancel: '取消',
    locked: '场次已开始或已结束，商品信息不能再修改（仍可暂停或恢复销售）。',
    discount: '{price}，{percent} 折',
  },
  en: {
    title: 'Item title',
    originalPrice: 'Original price (yuan)',
    flashPrice: 'Flash price (yuan)',
    stock: 'Flash-sale stock',
    perUserLimit: 'Limit per shopper',
    sku: 'SKU (optional)',
    skuFixed: 'The SKU cannot change once created',
    eligibility: 'Who may buy',
    tiers: 'Member tiers (none = everyone)',
    realName: 'Real-name verification required',
    regionsAllowed: 'Only these regions',
    regionsDenied: 'Not these regions',
    regionsHint: 'ISO 3166-2 codes separated by commas, e.g. CN-31, CN-11',
    invited: 'Only these invited shopper ids',
    invitedHint: 'Shopper ids separated by commas; empty = anyone',
    priority: 'Priority window',
    priorityTier: 'Lowest member tier',
    priorityMinutes: 'Minutes early',
    priorityHint: 'Members of this tier and above may buy this many minutes before the start',
    none: 'None',
    add: 'Put on sale',
    save: 'Save changes',
    cancel: 'Cancel',
    locked: 'The session has started or ended; the item can no longer change (it can still be paused or resumed).',
    discount: '{price}, {percent}% off',
  },
};

/** "¥179.00，9 折" under the flash price once both prices read well. */
function discountNote(values: ItemFormValues, template: (vars: Record<string, string>) => string, locale: string): string | undefined {
  const original = yuanToCents(values.originalPrice);
  const flash = yuanToCents(values.flashPrice);
  if (original === null || flash === null || flash >= original) return flash === null ? undefined : formatPrice(flash);
  const ratio = flash / original;
  const percent = locale === 'zh-CN' ? String(Math.round(ratio * 100) / 10) : String(Math.round((1 - ratio) * 100));
  return template({ price: formatPrice(flash), percent });
}

/**
 * An item's title, prices (yuan with at most two decimals, sent as cents), stock, limit and eligibility.
 * The same form adds an item and edits one while its session has not started.
 */
export function ItemForm({
  mode,
  initial,
  locked = false,
  onSubmit,
  onCancel,
}: {
  mode: 'add' | 'edit';
  initial: ItemFormValues;
  locked?: boolean;
  onSubmit: (body: ItemBody) => Promise<void>;
  onCancel?: () => void;
}) {
  const t = useT(messages);
  const tv = useT(validationLabels);
  const tt = useT(tierLabels);
  const { locale } = useLocale();
  const priorityId = useId();
  const { values, set, errors, failure, busy, submit } = useCheckedForm({ initial, check: checkItem, send: onSubmit, keepValues: mode === 'edit', locked });
  const fieldError = (field: ItemField) => (errors[field] ? tv(errors[field]) : undefined);
  const tierOptions = memberTiers.map((tier) => ({ value: tier, label: tt(tier) }));
  const text = (field: keyof ItemFormValues & ItemField) => ({
    value: values[field] as string,
    onChange: (event: { currentTarget: { value: string } }) => set({ [field]: event.currentTarget.value }),
    error: fieldError(field),
    disabled: locked,
  });


  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {locked ? (
          <Text size="sm" c="dimmed">
            {t('locked')}
          </Text>
        ) : null}
        <TextInput label={t('title')} {...text('title')} maxLength={limits.name} required />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('originalPrice')} {...text('originalPrice')} inputMode="decimal" leftSection="¥" required />
          <TextInput
            label={t('flashPrice')}
            {...text('flashPrice')}
            inputMode="decimal"
            leftSection="¥"
            description={discountNote(values, (vars) => t('discount', vars), locale)}
            required
          />
          <TextInput label={t('stock')} {...text('stock')} inputMode="numeric" required />
          <TextInput label={t('perUserLimit')} {...text('perUserLimit')} inputMode="numeric" required />
          <TextInput
            label={t('sku')}
            {...text('sku')}
            disabled={locked || mode === 'edit'}
            description={mode === 'edit' ? t('skuFixed') : undefined}
            maxLength={limits.sku}
          />
        </SimpleGrid>
        <Fieldset legend={t('eligibility')} disabled={locked}>
          <Stack gap="sm">
            <MultiSelect label={t('tiers')} data={tierOptions} value={values.tiers} onChange={(tiers) => set({ tiers: tiers as MemberTier[] })} disabled={locked} />
            <Checkbox label={t('realName')} checked={values.realNameRequired} onChange={(e) => set({ realNameRequired: e.currentTarget.checked })} disabled={locked} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('regionsAllowed')} description={t('regionsHint')} {...text('regionsAllowed')} placeholder="CN-31, CN-11" />
              <TextInput label={t('regionsDenied')} description={t('regionsHint')} {...text('regionsDenied')} placeholder="CN-65" />
            </SimpleGrid>
            <Textarea label={t('invited')} description={t('invitedHint')} {...text('invitedUserIds')} rows={2} />
            <Text size="sm" fw={500} id={`${priorityId}-title`}>
              {t('priority')}
            </Text>
            <Text size="xs" c="dimmed" mt={-8} id={`${priorityId}-hint`}>
              {t('priorityHint')}
            </Text>
            {/* The tier and the minutes make one rule; a screen reader hears them as one group. */}
            <SimpleGrid cols={{ base: 1, sm: 2 }} role="group" aria-labelledby={`${priorityId}-title`} aria-describedby={`${priorityId}-hint`}>
              <Select
                label={t('priorityTier')}
                data={[{ value: '', label: t('none') }, ...tierOptions]}
                value={values.priorityTier}
                onChange={(value) => set({ priorityTier: (value ?? '') as MemberTier | '' })}
                error={fieldError('priorityTier')}
                disabled={locked}
                allowDeselect={false}
              />
              <TextInput label={t('priorityMinutes')} {...text('priorityMinutes')} inputMode="numeric" />
            </SimpleGrid>
          </Stack>
        </Fieldset>
        {failure ? (
          <Alert color="red" role="alert">
            {errorMessage(failure, locale)}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              {t('cancel')}
            </Button>
          ) : null}
          <Button type="submit" loading={busy} disabled={locked}>
            {mode === 'add' ? t('add') : t('save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
