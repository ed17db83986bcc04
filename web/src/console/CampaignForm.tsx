import { Select, SimpleGrid, TextInput } from '@mantine/core';
import type { CampaignType } from '../api/types';
import { useT } from '../i18n/locale';
import { serverNow } from '../serverClock';
import { WindowFields } from './fields';
import { FormCard } from './FormCard';
import { campaignTypeLabels, campaignTypes, validationLabels } from './labels';
import { useCheckedForm } from './useCheckedForm';
import { type CampaignFormValues, checkCampaign, isoToLocal, limits } from './validation';

const messages = {
  'zh-CN': { title: '创建活动', name: '活动名称', type: '活动类型', submit: '创建活动' },
  en: { title: 'Create a campaign', name: 'Campaign name', type: 'Campaign type', submit: 'Create campaign' },
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
  const { values, set, failure, busy, submit, text } = useCheckedForm({ initial: initialValues, check: checkCampaign, send: onCreate });

  return (
    <FormCard id="campaign-form-title" title={t('title')} onSubmit={submit} failure={failure} submit={t('submit')} busy={busy}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('name')} {...text('name', tv)} required maxLength={limits.name} />
        <Select
          label={t('type')}
          value={values.type}
          onChange={(value) => value && set({ type: value as CampaignType })}
          data={campaignTypes.map((type) => ({ value: type, label: tt(type) }))}
          allowDeselect={false}
        />
        <WindowFields start={text('startsAt', tv)} end={text('endsAt', tv)} />
      </SimpleGrid>
    </FormCard>
  );
}
