import { Badge, Button, Group, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { formatDateTime } from '../../format';
import { useLocale, useT } from '../../i18n/locale';
import type { Lottery, LotteryAudit, LotteryInput } from '../../shop/lottery/types';
import { ListPage, ListTable, Loaded } from '../ListPage';
import { useOperatorCall } from '../operatorApi';
import { Refusal } from '../Refusal';
import { usePolling } from '../usePolling';
import { LotteryForm } from './LotteryForm';
import { lotteryWords } from './words';

const messages = {
  'zh-CN': {
    title: '抽奖',
    name: '名称',
    window: '时间',
    cost: '每次消耗',
    free: '免费',
    limits: '次数上限',
    limitText: '总 {total} / 每天 {daily}',
    unlimited: '不限',
    prizes: '奖品（已中 / 数量）',
    audit: '抽奖记录',
    showAudit: '查看「{name}」的抽奖记录',
    none: '还没有抽奖，先创建一个吧。',
    auditTitle: '「{name}」抽奖记录',
    draws: '共 {n} 次抽奖，收取 {collected} {currency}',
    totals: '各奖品中奖次数',
    nothing: '未中奖',
    drawId: '编号',
    shopper: '用户',
    prize: '奖品',
    roll: '随机数',
    paid: '消耗',
    delivery: '发放',
    time: '时间',
    delivered: '已发放',
    undelivered: '发放失败',
    pending: '待发放',
  },
  en: {
    title: 'Lotteries',
    name: 'Name',
    window: 'Runs',
    cost: 'Cost per draw',
    free: 'Free',
    limits: 'Limits',
    limitText: 'total {total} / day {daily}',
    unlimited: 'none',
    prizes: 'Prizes (won / quantity)',
    audit: 'Draws',
    showAudit: 'Show the draws of “{name}”',
    none: 'No lottery yet — create the first one.',
    auditTitle: 'Draws of “{name}”',
    draws: '{n} draws, {collected} {currency} collected',
    totals: 'Won per prize',
    nothing: 'No prize',
    drawId: 'Draw',
    shopper: 'Shopper',
    prize: 'Prize',
    roll: 'Random number',
    paid: 'Paid',
    delivery: 'Delivery',
    time: 'Time',
    delivered: 'Delivered',
    undelivered: 'Failed',
    pending: 'Pending',
  },
};

/** `/console/lottery`: every lottery with its prizes, the audit trail of one, and the form to create another. */
export function LotteriesPage() {
  const t = useT(messages);
  const tw = useT(lotteryWords);
  const { locale } = useLocale();
  const operator = useOperatorCall();
  const list = usePolling(async () => (await operator<{ lotteries: Lottery[] }>('/api/admin/lotteries')).lotteries, 'lotteries', 5000);
  const [audit, setAudit] = useState<LotteryAudit | null>(null);
  const [auditError, setAuditError] = useState<unknown>(null);

  const create = async (body: LotteryInput) => {
    await operator<Lottery>('/api/admin/lotteries', { method: 'POST', body });
    list.reload();
  };
  const showAudit = (id: string) => {
    setAuditError(null);
    operator<LotteryAudit>(`/api/admin/lotteries/${id}/draws`).then(setAudit, setAuditError);
  };

  return (
    <ListPage title={t('title')} error={list.error}>
      <Loaded items={list.data} none={t('none')}>
        {(lotteries) => (
          <ListTable minWidth={900} headers={[t('name'), t('window'), t('cost'), t('limits'), t('prizes'), t('audit')]}>
            {lotteries.map((lottery) => (
              <Table.Tr key={lottery.id}>
                <Table.Td>{lottery.name}</Table.Td>
                <Table.Td>
                  {formatDateTime(lottery.startsAt, locale)} – {formatDateTime(lottery.endsAt, locale)}
                </Table.Td>
                <Table.Td>{lottery.cost.amount === 0 ? t('free') : `${lottery.cost.amount} ${tw(lottery.cost.currency)}`}</Table.Td>
                <Table.Td>{t('limitText', { total: lottery.limit.total ?? t('unlimited'), daily: lottery.limit.daily ?? t('unlimited') })}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {lottery.prizes.map((p) => (
                      <Badge key={p.id} variant="light" color={p.kind === 'none' ? 'gray' : 'red'} tt="none">
                        {p.name} {p.awarded}
                        {p.quantity === null ? '' : ` / ${p.quantity}`}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Button size="xs" variant="default" onClick={() => showAudit(lottery.id)} aria-label={t('showAudit', { name: lottery.name })}>
                    {t('audit')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        )}
      </Loaded>
      <Refusal error={auditError} />
      {audit ? (
        <section aria-labelledby="audit-title">
          <Title order={2} fz="h4" id="audit-title">
            {t('auditTitle', { name: audit.lottery.name })}
          </Title>
          <Text mb="xs">{t('draws', { n: audit.drawCount, collected: audit.collected, currency: tw(audit.lottery.cost.currency) })}</Text>
          <Group gap="xs" mb="sm" aria-label={t('totals')}>
            {audit.totals.map((total) => (
              <Badge key={total.prizeId ?? 'nothing'} variant="outline" tt="none">
                {total.prizeId === null ? t('nothing') : total.name}: {total.won}
              </Badge>
            ))}
          </Group>
          <Table.ScrollContainer minWidth={800}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('drawId')}</Table.Th>
                  <Table.Th>{t('shopper')}</Table.Th>
                  <Table.Th>{t('prize')}</Table.Th>
                  <Table.Th>{t('roll')}</Table.Th>
                  <Table.Th>{t('paid')}</Table.Th>
                  <Table.Th>{t('delivery')}</Table.Th>
                  <Table.Th>{t('time')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {audit.draws.map((draw) => (
                  <Table.Tr key={draw.id}>
                    <Table.Td className="tabular">{draw.id}</Table.Td>
                    <Table.Td className="tabular">{draw.userId}</Table.Td>
                    <Table.Td>{draw.prize?.name ?? t('nothing')}</Table.Td>
                    <Table.Td className="tabular">
                      {draw.roll} / {draw.weightTotal}
                    </Table.Td>
                    <Table.Td className="tabular">{draw.cost.amount}</Table.Td>
                    <Table.Td>{t(draw.delivery)}</Table.Td>
                    <Table.Td>{formatDateTime(draw.at, locale)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </section>
      ) : null}
      <LotteryForm onCreate={create} />
    </ListPage>
  );
}
