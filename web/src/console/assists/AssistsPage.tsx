import { Alert, Button, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { formatDateTime } from '../../format';
import { errorMessage } from '../../i18n/errors';
import { useLocale, useT } from '../../i18n/locale';
import { serverNow } from '../../serverClock';
import type { AssistCampaign, AssistCampaignInput } from '../../shop/assists/types';
import { useOperatorCall } from '../operatorApi';
import { useCheckedForm } from '../useCheckedForm';
import { usePolling } from '../usePolling';
import { type AssistField, checkAssist, emptyAssistForm } from './assistRules';

const messages = {
  'zh-CN': {
    title: '好友助力',
    name: '活动',
    reward: '奖励优惠券',
    needed: '需助力人数',
    daily: '每人每天可助力',
    window: '时间',
    progress: '已发起 / 已解锁',
    none: '还没有助力活动，先创建一个吧。',
    loading: '加载中…',
    formTitle: '创建助力活动',
    titleField: '活动名称',
    templateId: '奖励优惠券 ID',
    templateHint: '发放方式为“平台发放”的优惠券',
    helpersNeeded: '需要几位好友助力',
    dailyHelpLimit: '每人每天最多帮几位好友',
    startsAt: '开始时间',
    endsAt: '结束时间',
    submit: '创建助力活动',
    created: '已创建「{name}」',
    required: '必填',
    badTime: '时间格式不对',
    endBeforeStart: '结束时间须晚于开始时间',
    badNumber: '请填 1–100 的整数',
    badId: '请填优惠券 ID（数字）',
  },
  en: {
    title: 'Friends assist',
    name: 'Campaign',
    reward: 'Reward coupon',
    needed: 'Friends needed',
    daily: 'Helps per shopper a day',
    window: 'Runs',
    progress: 'Started / unlocked',
    none: 'No assist campaign yet — create the first one.',
    loading: 'Loading…',
    formTitle: 'Create an assist campaign',
    titleField: 'Title',
    templateId: 'Reward coupon id',
    templateHint: 'A coupon handed out by the platform (grant)',
    helpersNeeded: 'Friends needed to unlock',
    dailyHelpLimit: 'Friends one shopper may help a day',
    startsAt: 'Starts',
    endsAt: 'Ends',
    submit: 'Create campaign',
    created: 'Created “{name}”',
    required: 'Required',
    badTime: 'Not a valid time',
    endBeforeStart: 'Must be after the start',
    badNumber: 'A whole number from 1 to 100',
    badId: 'A coupon id (digits)',
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
  const { values, set, errors, failure, busy, sent, submit } = useCheckedForm({ initial: () => emptyAssistForm(serverNow()), check: checkAssist, send: create });
  const text = (field: AssistField) => ({
    value: values[field],
    onChange: (event: { currentTarget: { value: string } }) => set({ [field]: event.currentTarget.value }),
    error: errors[field] ? t(errors[field]) : undefined,
  });

  return (
    <Stack>
      <Title order={1} fz="h2">
        {t('title')}
      </Title>
      {list.error ? (
        <Alert color="red" role="alert">
          {errorMessage(list.error, locale)}
        </Alert>
      ) : null}
      {!list.data ? (
        <Text c="dimmed">{t('loading')}</Text>
      ) : list.data.length === 0 ? (
        <Text c="dimmed">{t('none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('name')}</Table.Th>
                <Table.Th>{t('reward')}</Table.Th>
                <Table.Th>{t('needed')}</Table.Th>
                <Table.Th>{t('daily')}</Table.Th>
                <Table.Th>{t('window')}</Table.Th>
                <Table.Th>{t('progress')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((c) => (
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
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Paper withBorder p="md">
        <form onSubmit={submit} noValidate aria-labelledby="assist-form-title">
          <Stack gap="sm">
            <Title order={2} fz="h4" id="assist-form-title">
              {t('formTitle')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
              <TextInput label={t('titleField')} {...text('title')} maxLength={200} required />
              <TextInput label={t('templateId')} description={t('templateHint')} {...text('templateId')} inputMode="numeric" required />
              <TextInput label={t('helpersNeeded')} {...text('helpersNeeded')} inputMode="numeric" required />
              <TextInput label={t('dailyHelpLimit')} {...text('dailyHelpLimit')} inputMode="numeric" required />
              <TextInput type="datetime-local" step={1} label={t('startsAt')} {...text('startsAt')} required />
              <TextInput type="datetime-local" step={1} label={t('endsAt')} {...text('endsAt')} required />
            </SimpleGrid>
            {failure ? (
              <Alert color="red" role="alert">
                {errorMessage(failure, locale)}
              </Alert>
            ) : null}
            {sent ? (
              <Alert color="green" role="status">
                {t('created', { name: sent.title })}
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
    </Stack>
  );
}
