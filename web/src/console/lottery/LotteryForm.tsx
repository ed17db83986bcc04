import { Button, Group, Paper, Select, SimpleGrid, TextInput, Title } from '@mantine/core';
import { useT } from '../../i18n/locale';
import { serverNow } from '../../serverClock';
import type { LotteryInput } from '../../shop/lottery/types';
import { WindowFields } from '../fields';
import { FormCard } from '../FormCard';
import { useCheckedForm } from '../useCheckedForm';
import { type Currency, checkLottery, emptyLotteryForm, emptyPrize, type PrizeKind, prizeKinds, type PrizeRowValues } from './lotteryRules';
import { lotteryWords } from './words';

const messages = {
  'zh-CN': {
    title: '创建抽奖',
    name: '抽奖名称',
    currency: '消耗',
    cost: '每次消耗（0 = 免费）',
    limitTotal: '每人总次数（可选）',
    limitDaily: '每人每天次数（可选）',
    prizes: '奖品',
    prizeName: '奖品 {n} 名称',
    kind: '奖品 {n} 类型',
    templateId: '奖品 {n} 优惠券 ID',
    pointsField: '奖品 {n} 积分数',
    quantity: '奖品 {n} 数量',
    weight: '奖品 {n} 权重',
    remove: '删除奖品 {n}',
    add: '添加奖品',
    submit: '创建抽奖',
    created: '已创建「{name}」',
  },
  en: {
    title: 'Create a lottery',
    name: 'Lottery name',
    currency: 'Paid with',
    cost: 'Cost per draw (0 = free)',
    limitTotal: 'Draws per shopper in all (optional)',
    limitDaily: 'Draws per shopper a day (optional)',
    prizes: 'Prizes',
    prizeName: 'Prize {n} name',
    kind: 'Prize {n} kind',
    templateId: 'Prize {n} coupon id',
    pointsField: 'Prize {n} points',
    quantity: 'Prize {n} quantity',
    weight: 'Prize {n} weight',
    remove: 'Remove prize {n}',
    add: 'Add a prize',
    submit: 'Create lottery',
    created: 'Created “{name}”',
  },
};

/** Sets up a lottery: window, cost, limits, and the prize editor (kind, quantity, weight). */
export function LotteryForm({ onCreate }: { onCreate: (body: LotteryInput) => Promise<void> }) {
  const t = useT(messages);
  const tw = useT(lotteryWords);
  const form = useCheckedForm({ initial: () => emptyLotteryForm(serverNow()), check: checkLottery, send: onCreate });
  const { values, set, errors } = form;
  const err = (field: string) => (errors[field] ? tw(errors[field]) : undefined);
  const text = (field: 'name' | 'startsAt' | 'endsAt' | 'cost' | 'limitTotal' | 'limitDaily') => form.text(field, tw);
  const setPrize = (i: number, patch: Partial<PrizeRowValues>) => set({ prizes: values.prizes.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  const prizeText = (i: number, field: 'name' | 'templateId' | 'points' | 'quantity' | 'weight') => ({
    value: values.prizes[i][field],
    onChange: (event: { currentTarget: { value: string } }) => setPrize(i, { [field]: event.currentTarget.value }),
    error: err(`prize.${i}.${field}`),
  });

  return (
    <FormCard
      id="lottery-form-title"
      title={t('title')}
      onSubmit={form.submit}
      failure={form.failure}
      done={form.sent ? t('created', { name: form.sent.name }) : null}
      submit={t('submit')}
      busy={form.busy}
    >
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <TextInput label={t('name')} {...text('name')} maxLength={200} required />
        <WindowFields start={text('startsAt')} end={text('endsAt')} />
        <Select
          label={t('currency')}
          value={values.currency}
          onChange={(value) => value && set({ currency: value as Currency })}
          data={(['energy', 'points'] as const).map((c) => ({ value: c, label: tw(c) }))}
          allowDeselect={false}
        />
        <TextInput label={t('cost')} {...text('cost')} inputMode="numeric" />
        <TextInput label={t('limitTotal')} {...text('limitTotal')} inputMode="numeric" />
        <TextInput label={t('limitDaily')} {...text('limitDaily')} inputMode="numeric" />
      </SimpleGrid>
      <Title order={3} fz="md">
        {t('prizes')}
      </Title>
      {values.prizes.map((prize, i) => {
        const n = i + 1;
        return (
          <Paper key={i} withBorder p="sm" radius="sm">
            <SimpleGrid cols={{ base: 1, sm: 3, lg: 6 }}>
              <TextInput label={t('prizeName', { n })} {...prizeText(i, 'name')} maxLength={100} required />
              <Select
                label={t('kind', { n })}
                value={prize.kind}
                onChange={(value) => value && setPrize(i, { kind: value as PrizeKind })}
                data={prizeKinds.map((k) => ({ value: k, label: tw(k) }))}
                allowDeselect={false}
              />
              {prize.kind === 'coupon' ? <TextInput label={t('templateId', { n })} description={tw('templateHint')} {...prizeText(i, 'templateId')} inputMode="numeric" required /> : null}
              {prize.kind === 'points' ? <TextInput label={t('pointsField', { n })} {...prizeText(i, 'points')} inputMode="numeric" required /> : null}
              {prize.kind !== 'none' ? <TextInput label={t('quantity', { n })} {...prizeText(i, 'quantity')} inputMode="numeric" required /> : null}
              <TextInput label={t('weight', { n })} {...prizeText(i, 'weight')} inputMode="numeric" required />
              <Group align="end">
                <Button variant="subtle" color="red" onClick={() => set({ prizes: values.prizes.filter((_, j) => j !== i) })} disabled={values.prizes.length === 1}>
                  {t('remove', { n })}
                </Button>
              </Group>
            </SimpleGrid>
          </Paper>
        );
      })}
      <Group>
        <Button variant="default" onClick={() => set({ prizes: [...values.prizes, emptyPrize()] })} disabled={values.prizes.length >= 20}>
          {t('add')}
        </Button>
      </Group>
    </FormCard>
  );
}
