import { Anchor, Stack, Table, Text } from '@mantine/core';
import type { Campaign, CampaignType } from '../api/types';
import { useLocale, useT } from '../i18n/locale';
import { formatDateTime } from '../format';
import { Link, useLocation } from 'wouter';
import { CampaignForm } from './CampaignForm';
import { campaignTypeLabels } from './labels';
import { ListPage, ListTable, Loaded } from './ListPage';
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
    sessionCount: '{count} 场',
  },
  en: {
    title: 'Campaigns',
    name: 'Name',
    type: 'Type',
    dates: 'Dates',
    sessions: 'Sessions',
    none: 'No campaigns yet — create the first one.',
    sessionCount: '{count}',
  },
};

/** Every campaign: its type, dates and how its sessions stand. */
export function CampaignList({ campaigns }: { campaigns: Campaign[] | null }) {
  const t = useT(messages);
  const tt = useT(campaignTypeLabels);
  const { locale } = useLocale();
  return (
    <Loaded items={campaigns} none={t('none')}>
      {(campaigns) => (
        <ListTable minWidth={720} highlightOnHover headers={[t('name'), t('type'), t('dates'), t('sessions')]}>
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
        </ListTable>
      )}
    </Loaded>
  );
}

export function CampaignsPage() {
  const t = useT(messages);
  const operator = useOperatorCall();
  const [, navigate] = useLocation();
  const list = usePolling(async () => (await operator<{ campaigns: Campaign[] }>('/api/admin/campaigns')).campaigns, 'campaigns', 10_000);

  const create = async (body: { name: string; type: CampaignType; startsAt: string; endsAt: string }) => {
    const { id } = await operator<{ id: string }>('/api/admin/campaigns', { method: 'POST', body });
    navigate(`/campaigns/${id}`);
  };

  return (
    <ListPage title={t('title')} error={list.error}>
      <CampaignList campaigns={list.data} />
      <CampaignForm onCreate={create} />
    </ListPage>
  );
}
