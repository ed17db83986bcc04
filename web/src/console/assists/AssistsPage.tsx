import { SimpleGrid, Table, TextInput } from '@mantine/core';
import { formatDateTime } from '../../format';
import { useLocale, useT } from '../../i18n/locale';
import { serverNow } from '../../serverClock';
import type { AssistCampaign, AssistCampaignInput } from '../../shop/assists/types';
import { WindowFields } from '../fields';
import { FormCard } from '../FormCard';
import { ListPage, ListTable, Loaded } from '../ListPage';
import { playFormWords } from '../lottery/words';
import { useOperatorCall } from '../operatorApi';
import { useCheckedForm } from '../useCheckedForm';
import { usePolling } from '../usePolling';
import { checkAssist, emptyAssistForm } from './assistRules';

const messages = {
  'zh-CN': {
    ...playFormWords['zh-CN'],
    title: '好友助力',
    name: '活动',
    reward: '奖励优惠券',
    needed: '需助力人数',
    daily: '每人每天可助力',
    window: '时间',
    progress: '已发起 / 已解锁',
    none: '还没有助力活动，先创建一个吧。',
    formTitle: '创建助力活动',
    titleField: '活动名称',
    templateId: '奖励优惠券 ID',
    helpersNeeded: '需要几位好友助力',
    dailyHelpLimit: '每人每天最多帮几位好友',
    submit: '创建助力活动',
    created: '已创建「{name}」',
    badNumber: '请填 1–100 的整数',
  },
  en: {
    ...playFormWords.en,
    title: 'Friends assist',
    name: 'Campaign',
    reward: 'Reward coupon',
    needed: 'Friends needed',
    daily: 'Helps per shopper a day',
    window: 'Runs',
    progress: 'Started / unlocked',
    none: 'No assist campaign yet — create the first one.',
    formTitle: 'Create an assist campaign',
    titleField: 'Title',
    templateId: 'Reward coupon id',
    helpersNeeded: 'Friends needed to unlock',
    dailyHelpLimit: 'Friends one shopper may help a day',
    submit: 'Create campaign',
    created: 'Created “{name}”',
    badNumber: 'A whole number from 1 to 100',
  },
};

/** `/console/assists`: every assist campaign with its progress, and the form to create another. */
export function AssistsPage() {
  const t = useT(messages);
  const { locale } = useLocale();
  const operator = useOperatorCall();
  const list = usePolling(async () => (await operator<{ campaigns: AssistCampaign[] }>('/api/admin/assist-campaigns')).campaigns, 'assist-campaigns', 5000);
  const create = async (body: AssistCampaignInput) => {
    await operator<AssistCampaign>('/api/admin/assist-campaigns', { method: 'POST', body });
    list.reload();
  };
  const form = useCheckedForm({ initial: () => emptyAssistForm(serverNow()), check: checkAssist, send: create });
  const text = (field: Parameters<typeof form.text>[0]) => form.text(field, t);

  return (
    <ListPage title={t('title')} error={list.error}>
      <Loaded items={list.data} none={t('none')}>
        {(campaigns) => (
          <ListTable minWidth={800} headers={[t('name'), t('reward'), t('needed'), t('daily'), t('window'), t('progress')]}>
            {campaigns.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{c.title}</Table.Td>
                <Table.Td>
                  {c.reward.name} (#{c.reward.id})
                </Table.Td>
                <Table.Td className="tabular">{c.helpersNeeded}</Table.Td>
                <Table.Td className="tabular">{c.dailyHelpLimit}</Table.Td>
                <Table.Td>
                  {formatDateTime(c.startsAt, locale)} – {formatDateTime(c.endsAt, locale)}
                </Table.Td>
                <Table.Td className="tabular">
                  {c.started} / {c.unlocked}
                </Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        )}
      </Loaded>
      <FormCard
        id="assist-form-title"
        title={t('formTitle')}
        onSubmit={form.submit}
        failure={form.failure}
        done={form.sent ? t('created', { name: form.sent.title }) : null}
        submit={t('submit')}
        busy={form.busy}
      >
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          <TextInput label={t('titleField')} {...text('title')} maxLength={200} required />
          <TextInput label={t('templateId')} description={t('templateHint')} {...text('templateId')} inputMode="numeric" required />
          <TextInput label={t('helpersNeeded')} {...text('helpersNeeded')} inputMode="numeric" required />
          <TextInput label={t('dailyHelpLimit')} {...text('dailyHelpLimit')} inputMode="numeric" required />
          <WindowFields start={text('startsAt')} end={text('endsAt')} />
        </SimpleGrid>
      </FormCard>
    </ListPage>
  );
}
