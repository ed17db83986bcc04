import { Alert, Button, Group, NumberInput, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { errorMessage } from '../i18n/errors';
import { useLocale, useT } from '../i18n/locale';
import { serverNow } from '../serverClock';
import { validationLabels } from './labels';
import { useCheckedForm } from './useCheckedForm';
import { checkSession, limits, quickSessionPreset, type SessionField, type SessionFormValues } from './validation';

const messages = {
  'zh-CN': {
    add: '添加场次',
    edit: '修改场次',
    startsAt: '开始时间',
    endsAt: '结束时间',
    paymentMinutes: '支付时限（分钟）',
    paymentHint: '下单后多少分钟内未支付即自动取消，库存回到在售',
    preset: '1 分钟后开始，持续 30 分钟',
    save: '保存',
    saved: '已保存',
    locked: '场次已开始或已结束，时间和支付时限不能再修改。',
  },
  en: {
    add: 'Add a session',
    edit: 'Edit the session',
    startsAt: 'Starts',
    endsAt: 'Ends',
    paymentMinutes: 'Payment window (minutes)',
    paymentHint: 'An order not paid within this many minutes cancels itself and its units go back on sale',
    preset: 'Starts in 1 minute, lasts 30 minutes',
    save: 'Save',
    saved: 'Saved',
    locked: 'The session has started or ended; its times and payment window can no longer change.',
  },
};

export interface SessionBody {
  startsAt: string;
  endsAt: string;
  paymentWindowSeconds: number;
}

/**
 * A session's time slot and payment window: adding one to a campaign (`mode="add"`, with a quick preset
 * for trying a sale), or changing one that has not started (`mode="edit"`; disabled once live or ended).
 */
export function SessionForm({
  mode,
  campaign,
  initial,
  locked = false,
  onSubmit,
}: {
  mode: 'add' | 'edit';
  campaign: { startsAt: string; endsAt: string };
  initial: SessionFormValues;
  locked?: boolean;
  onSubmit: (body: SessionBody) => Promise<void>;
}) {
  const t = useT(messages);
  const tv = useT(validationLabels);
  const { locale } = useLocale();
  const { values, set, errors, failure, busy, sent, submit } = useCheckedForm({
    initial,
    check: (v: SessionFormValues) => checkSession(v, campaign),
    send: onSubmit,
    keepValues: mode === 'edit',
    locked,
  });
  const saved = sent !== null;
  const fieldError = (field: SessionField) => (errors[field] ? tv(errors[field]) : undefined);
  const titleId = `session-form-${mode}`;

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate aria-labelledby={titleId}>
        <Stack gap="sm">
          <Title order={2} fz="h4" id={titleId}>
            {mode === 'add' ? t('add') : t('edit')}
          </Title>
          {locked ? (
            <Text size="sm" c="dimmed">
              {t('locked')}
            </Text>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput type="datetime-local" step={1} label={t('startsAt')} value={values.startsAt} onChange={(e) => set({ startsAt: e.currentTarget.value })} error={fieldError('startsAt')} disabled={locked} required />
            <TextInput type="datetime-local" step={1} label={t('endsAt')} value={values.endsAt} onChange={(e) => set({ endsAt: e.currentTarget.value })} error={fieldError('endsAt')} disabled={locked} required />
            <NumberInput
              label={t('paymentMinutes')}
              description={t('paymentHint')}
              value={values.paymentMinutes}
              onChange={(value) => set({ paymentMinutes: String(value) })}
              error={fieldError('paymentMinutes')}
              disabled={locked}
              min={1}
              max={limits.paymentMinutes}
              allowDecimal={false}
              allowNegative={false}
              required
            />
          </SimpleGrid>
          {failure ? (
            <Alert color="red" role="alert">
              {errorMessage(failure, locale)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            {saved && !failure ? (
              <Text size="sm" c="teal.9" role="status">
                {t('saved')}
              </Text>
            ) : null}
            {mode === 'add' ? (
              <Button variant="default" onClick={() => set(quickSessionPreset(serverNow()))}>
                {t('preset')}
              </Button>
            ) : null}
            <Button type="submit" loading={busy} disabled={locked}>
              {mode === 'add' ? t('add') : t('save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
