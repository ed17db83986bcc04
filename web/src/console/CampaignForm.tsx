import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import type { CampaignType } from '../api/types';
import { errorMessage } from '../i18n/errors';
import { useLocale, useT } from '../i18n/locale';
import { serverNow } from '../serverClock';
import { campaignTypeLabels, campaignTypes, validationLabels } from './labels';
import { useCheckedForm } from './useCheckedForm';
import { type CampaignField, type CampaignFormValues, checkCampaign, isoToLocal, limits } from './validation';

const messages = {
  'zh-CN': { title: '创建活动', name: '活动名称', type: '活动类型', startsAt: '开始时间', endsAt: '结束时间', submit: '创建活动', created: '活动已创建' },
  en: { title: 'Create a campaign', name: 'Campaign name', type: 'Campaign type', startsAt: 'Starts', endsAt: 'Ends', submit: 'Create campaign', created: 'Campaign created' },
};

function initialValues(): CampaignFormValues {
  const start = Math.floor(serverNow() / 60_000) * 60_000;
  return { name: '', type: 'big-promotion', startsAt: isoToLocal(start), endsAt: isoToLocal(start + 7 * 86_400_000) };
}

/** Plans a campaign; mistakes are shown per field before anything is sent, the server's answer after. */
export function CampaignForm({ onCreate }: { onCreate: (body: { name: string; type: CampaignType; startsAt: string; endsAt: string }) => Promise<void> }) {
  const t = useT(messages);
  const tv = useT(validationLabels);
  const tt = useT(campaignTypeLabels);
  const { locale } = useLocale();
  const { values, set, errors, failure, busy, submit } = useCheckedForm({ initial: initialValues, check: checkCampaign, send: onCreate });
  const fieldError = (field: CampaignField) => (errors[field] ? tv(errors[field]) : undefined);

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate aria-labelledby="campaign-form-title">
        <Stack gap="sm">
          <Title order={2} fz="h4" id="campaign-form-title">
            {t('title')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('name')} value={values.name} onChange={(e) => set({ name: e.currentTarget.value })} error={fieldError('name')} required maxLength={limits.name} />
            <Select
              label={t('type')}
              value={values.type}
              onChange={(value) => value && set({ type: value as CampaignType })}
              data={campaignTypes.map((type) => ({ value: type, label: tt(type) }))}
              allowDeselect={false}
            />
            <TextInput type="datetime-local" step={1} label={t('startsAt')} value={values.startsAt} onChange={(e) => set({ startsAt: e.currentTarget.value })} error={fieldError('startsAt')} required />
            <TextInput type="datetime-local" step={1} label={t('endsAt')} value={values.endsAt} onChange={(e) => set({ endsAt: e.currentTarget.value })} error={fieldError('endsAt')} required />
          </SimpleGrid>
          {failure ? (
            <Alert color="red" role="alert">
              {errorMessage(failure, locale)}
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
