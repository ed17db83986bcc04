import { Alert, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { formatDateTime } from '../../format';
import { useLocale } from '../../i18n/locale';
import { Balance } from '../Balance';
import { Failure, Loading } from '../CampaignPage';
import { Refusal } from '../Refusal';
import { SignInFirst } from '../SignInFirst';
import { ExchangeLink } from '../exchange/ExchangeLink';
import { monthCalendar, nextReward } from './calendar';
import { type CheckInT, useCheckInT } from './messages';
import type { CheckInMonth, CheckInResult, PointsAnswer } from './types';
import './checkIn.css';

/** `/check-in` (签到): today's button, the streak, this month's calendar, balances and the rewards. */
export function CheckInView({
  signedIn,
  month,
  points,
  loadError = null,
  busy = false,
  result = null,
  failure = null,
  onCheckIn,
}: {
  signedIn: boolean;
  month: CheckInMonth | null;
  points: PointsAnswer | null;
  loadError?: unknown;
  busy?: boolean;
  result?: CheckInResult | null;
  failure?: unknown;
  onCheckIn: () => void;
}) {
  const t = useCheckInT();
  const { locale } = useLocale();
  return (
    <Stack gap="md" maw={640} mx="auto">
      <Title order={1} fz={{ base: 22, sm: 28 }}>
        {t('title')}
      </Title>
      {!signedIn ? (
        <SignInFirst />
      ) : loadError && !month ? (
        <Failure error={loadError} />
      ) : !month || !points ? (
        <Loading label={t('title')} />
      ) : (
        <>
          <Card withBorder radius="md" padding="lg">
            <Stack align="center" gap="xs">
              <Text fz="sm" c="gray.7">
                {t('streakLabel')}
              </Text>
              <Text fz={40} fw={700} c="red.8" className="tabular" lh={1} aria-label={t('streak', { n: month.streak })}>
                {t('days', { n: month.streak })}
              </Text>
              <Button size="lg" radius="xl" color="red.8" miw={200} disabled={month.checkedInToday && !busy} loading={busy} onClick={onCheckIn}>
                {month.checkedInToday ? t('checkedInToday') : t('checkInToday')}
              </Button>
              <Text fz="sm" c="gray.7" h={20}>
                {t(month.checkedInToday ? 'tomorrowReward' : 'nextReward', { reward: nextReward(month.streak, month.rewards) })}
              </Text>
              {result ? (
                <Alert color="green" role="status" w="100%">
                  {t('checkedInToast', { reward: result.reward })}
                </Alert>
              ) : null}
              <Refusal error={failure} w="100%" />
            </Stack>
          </Card>

          <section aria-labelledby="balances-title">
            <Title order={2} fz="md" mb="xs" id="balances-title">
              {t('balances')}
            </Title>
            <SimpleGrid cols={2}>
              <Balance label={t('energy')} value={points.balances.energy} />
              <Balance label={t('points')} value={points.balances.points} />
            </SimpleGrid>
            <Text mt="xs">
              <ExchangeLink />
            </Text>
          </section>

          <MonthCalendar month={month} t={t} />

          <section aria-labelledby="rewards-title">
            <Title order={2} fz="md" mb="xs" id="rewards-title">
              {t('rewardTable')}
            </Title>
            <Table withTableBorder>
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th scope="row">{t('rewardDaily')}</Table.Th>
                  <Table.Td className="tabular">{t('rewardAmount', { n: month.rewards.daily })}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row">{t('rewardSeventh')}</Table.Th>
                  <Table.Td className="tabular">{t('rewardAmount', { n: month.rewards.everySeventh })}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </section>

          <section aria-labelledby="recent-title">
            <Title order={2} fz="md" mb="xs" id="recent-title">
              {t('recent')}
            </Title>
            {points.entries.length === 0 ? (
              <Text c="gray.7">{t('noEntries')}</Text>
            ) : (
              <Stack gap={4}>
                {points.entries.map((entry) => (
                  <Group key={entry.id} justify="space-between" wrap="nowrap">
                    <Text fz="sm">
                      {t(entry.currency)} · {entry.ref.startsWith('checkin:') ? t('checkIn') : entry.reason}
                      <Text span fz="xs" c="gray.7" ml={6}>
                        {formatDateTime(entry.at, locale)}
                      </Text>
                    </Text>
                    <Text fz="sm" className="tabular" fw={600} c="dark.7">
                      {entry.delta > 0 ? `+${entry.delta}` : entry.delta}
                    </Text>
                  </Group>
                ))}
              </Stack>
            )}
          </section>
        </>
      )}
    </Stack>
  );
}

function MonthCalendar({ month, t }: { month: CheckInMonth; t: CheckInT }) {
  const weeks = monthCalendar(month.month, month.today, new Set(month.days.map((d) => d.day)));
  return (
    <table className="checkin-calendar">
      <caption>{t('calendar', { month: month.month })}</caption>
      <thead>
        <tr>
          {t('weekdays')
            .split(',')
            .map((name) => (
              <th key={name} scope="col">
                {name}
              </th>
            ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week, w) => (
          <tr key={w}>
            {week.map((cell, d) =>
              cell ? (
                <td
                  key={d}
                  aria-label={t(cell.checkedIn ? 'checkedInDay' : 'notCheckedInDay', { day: cell.day })}
                  aria-current={cell.today ? 'date' : undefined}
                  className={[cell.checkedIn ? 'done' : '', cell.today ? 'today' : ''].join(' ').trim() || undefined}
                >
                  {cell.date}
                </td>
              ) : (
                <td key={d} />
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
