import { Alert, Anchor, Stack, Table, Text, Title } from '@mantine/core';
import type { Campaign, CampaignType } from '../api/types';
import { errorMessage } from '../i18n/errors';
import { useLocale, useT } from '../i18n/locale';
import { formatDateTime } from '../format';
import { Link, useLocation } from 'wouter';
import { CampaignForm } from './CampaignForm';
import { campaignTypeLabels } from './labels';
import { useOperatorCall } from './operatorApi';
import { StateCounts } from './SessionStates';
import { usePolling } from './usePolling';

const messages = {
  'zh-CN': {
    title: '活动',
    name: '名称',
    type: '类型',
    dates: '时间',
    sessions: '场次',
    none: '还没有活动，先创建一个吧。',
    loading: '加载中…',
    sessionCount: '{count} 场',
  },
  en: {
    title: 'Campaigns',
    name: 'Name',
    type: 'Type',
    dates: 'Dates',
    sessions: 'Sessions',
    none: 'No campaigns yet — create the first one.',
    loading: 'Loading…',
    sessionCount: '{count}',
  },
};

/** Every campaign: its type, dates and how its sessions stand. */
export function CampaignList({ campaigns }: { campaigns: Campaign[] | null }) {
  const t = useT(messages);
  const tt = useT(campaignTypeLabels);
  const { locale } = useLocale();
  if (!campaigns) return <Text c="dimmed">{t('loading')}</Text>;
  if (campaigns.length === 0) return <Text c="dimmed">{t('none')}</Text>;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('name')}</Table.Th>
            <Table.Th>{t('type')}</Table.Th>
            <Table.Th>{t('dates')}</Table.Th>
            <Table.Th>{t('sessions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {campaigns.map((campaign) => (
            <Table.Tr key={campaign.id}>
              <Table.Td>
                <Anchor component={Link} href={`/campaigns/${campaign.id}`} fw={600}>
                  {campaign.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{tt(campaign.type)}</Table.Td>
              <Table.Td className="tabular">
                {formatDateTime(campaign.startsAt, locale)} – {formatDateTime(campaign.endsAt, locale)}
              </Table.Td>
              <Table.Td>
                <Stack gap={4}>
                  <Text size="sm" className="tabular">
                    {t('sessionCount', { count: campaign.sessions.length })}
                  </Text>
                  <StateCounts states={campaign.sessions.map((s) => s.state)} />
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function CampaignsPage() {
  const t = useT(messages);
  const { locale } = useLocale();
  const operator = useOperatorCall();
  const [, navigate] = useLocation();
  const list = usePolling(async () => (await operator<{ campaigns: Campaign[] }>('/api/admin/campaigns')).campaigns, 'campaigns', 10_000);

  const create = async (body: { name: string; type: CampaignType; startsAt: string; endsAt: string }) => {
    const { id } = await operator<{ id: string }>('/api/admin/campaigns', { method: 'POST', body });
    navigate(`/campaigns/${id}`);
  };

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
      <CampaignList campaigns={list.data} />
      <CampaignForm onCreate={create} />
    </Stack>
  );
}
