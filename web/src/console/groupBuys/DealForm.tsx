import { Alert, Button, Group, Paper, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { errorMessage } from '../../i18n/errors';
import { useLocale } from '../../i18n/locale';
import { serverNow } from '../../serverClock';
import type { GroupBuyDealInput } from '../../shop/groupBuys/types';
import { useCheckedForm } from '../useCheckedForm';
import { checkDeal, type DealField, emptyDealForm } from './dealRules';
import { useConsoleGroupBuyT, useDealProblemT } from './messages';

/** Creates a group-buy deal; mistakes are shown per field before anything is sent, the server's answer after. */
export function DealForm({ onCreate }: { onCreate: (body: GroupBuyDealInput) => Promise<void> }) {
  const t = useConsoleGroupBuyT();
  const tp = useDealProblemT();
  const { locale } = useLocale();
  const { values, set, errors, failure, busy, sent, submit } = useCheckedForm({ initial: () => emptyDealForm(serverNow()), check: checkDeal, send: onCreate });
  const field = (name: DealField) => ({
    value: values[name],
    onChange: (event: { currentTarget: { value: string } }) => set({ [name]: event.currentTarget.value }),
    error: errors[name] ? tp(errors[name]) : undefined,
  });
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate aria-labelledby="deal-form-title">
        <Stack gap="sm">
          <Title order={2} fz="h4" id="deal-form-title">
            {t('formTitle')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            <TextInput label={t('dealTitle')} {...field('title')} maxLength={200} required />
            <TextInput label={t('merchant')} {...field('merchant')} maxLength={200} required />
            <TextInput label={t('originalPrice')} {...field('originalPrice')} inputMode="decimal" leftSection="¥" required />
            <TextInput label={t('groupPrice')} {...field('groupPrice')} inputMode="decimal" leftSection="¥" required />
            <TextInput label={t('groupSize')} {...field('groupSize')} inputMode="numeric" required />
            <TextInput label={t('hoursOpen')} {...field('hoursOpen')} inputMode="numeric" required />
            <TextInput label={t('stock')} {...field('stock')} inputMode="numeric" required />
            <TextInput label={t('perUserLimit')} {...field('perUserLimit')} inputMode="numeric" required />
            <TextInput type="datetime-local" step={1} label={t('startsAt')} {...field('startsAt')} required />
            <TextInput type="datetime-local" step={1} label={t('endsAt')} {...field('endsAt')} required />
            <TextInput label={t('rewardTemplateId')} description={t('rewardHint')} {...field('rewardTemplateId')} inputMode="numeric" />
            {values.rewardTemplateId.trim() ? <TextInput label={t('rewardTop')} {...field('rewardTop')} inputMode="numeric" required /> : null}
          </SimpleGrid>
          {failure ? (
            <Alert color="red" role="alert">
              {errorMessage(failure, locale)}
            </Alert>
          ) : null}
          {sent ? (
            <Alert color="green" role="status">
              {t('created', { title: sent.title })}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" loading={busy}>
              {t('submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
