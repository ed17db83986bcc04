import { SimpleGrid, TextInput } from '@mantine/core';
import { serverNow } from '../../serverClock';
import type { GroupBuyDealInput } from '../../shop/groupBuys/types';
import { WindowFields, YuanInput } from '../fields';
import { FormCard } from '../FormCard';
import { useCheckedForm } from '../useCheckedForm';
import { checkDeal, type DealField, emptyDealForm } from './dealRules';
import { useConsoleGroupBuyT, useDealProblemT } from './messages';

/** Creates a group-buy deal; mistakes are shown per field before anything is sent, the server's answer after. */
export function DealForm({ onCreate }: { onCreate: (body: GroupBuyDealInput) => Promise<void> }) {
  const t = useConsoleGroupBuyT();
  const tp = useDealProblemT();
  const form = useCheckedForm({ initial: () => emptyDealForm(serverNow()), check: checkDeal, send: onCreate });
  const field = (name: DealField) => form.text(name, tp);
  return (
    <FormCard
      id="deal-form-title"
      title={t('formTitle')}
      onSubmit={form.submit}
      failure={form.failure}
      done={form.sent ? t('created', { title: form.sent.title }) : null}
      submit={t('submit')}
      busy={form.busy}
    >
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <TextInput label={t('dealTitle')} {...field('title')} maxLength={200} required />
        <TextInput label={t('merchant')} {...field('merchant')} maxLength={200} required />
        <YuanInput label={t('originalPrice')} {...field('originalPrice')} required />
        <YuanInput label={t('groupPrice')} {...field('groupPrice')} required />
        <TextInput label={t('groupSize')} {...field('groupSize')} inputMode="numeric" required />
        <TextInput label={t('hoursOpen')} {...field('hoursOpen')} inputMode="numeric" required />
        <TextInput label={t('stock')} {...field('stock')} inputMode="numeric" required />
        <TextInput label={t('perUserLimit')} {...field('perUserLimit')} inputMode="numeric" required />
        <WindowFields start={field('startsAt')} end={field('endsAt')} />
        <TextInput label={t('rewardTemplateId')} description={t('rewardHint')} {...field('rewardTemplateId')} inputMode="numeric" />
        {form.values.rewardTemplateId.trim() ? <TextInput label={t('rewardTop')} {...field('rewardTop')} inputMode="numeric" required /> : null}
      </SimpleGrid>
    </FormCard>
  );
}
