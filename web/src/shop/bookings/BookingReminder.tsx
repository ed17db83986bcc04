import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useId, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { call } from '../../api/client';
import { useShopper } from '../../auth';
import { Refusal } from '../Refusal';
import { useShopperAction } from '../useShopperAction';
import { useShopperData } from '../useShopperData';
import { useBookingT } from './messages';
import type { Booking, BookingGiftInfo } from './types';

export interface BookingReminderViewProps {
  info: BookingGiftInfo | null;
  /** The shopper's booking of this session; null when not booked (or signed out). */
  booking: Booking | null;
  signedIn: boolean;
  signInHref: string;
  busy: boolean;
  failure: unknown;
  /** The booking just made here, to tell what came of its gift. */
  justBooked: Booking | null;
  onBook: () => void;
  onCancel: () => void;
}

/** The "预约提醒" panel: book a reminder for an upcoming session, and the gift for the first K bookers. */
export function BookingReminderView({ info, booking, signedIn, signInHref, busy, failure, justBooked, onBook, onCancel }: BookingReminderViewProps) {
  const t = useBookingT();
  const titleId = useId();
  const gift = info?.gift ?? null;
  const won = justBooked?.gift ?? null;
  return (
    <Paper withBorder radius="md" p="sm" component="section" aria-labelledby={titleId} bg="yellow.0">
      <Group justify="space-between" align="center" wrap="wrap" gap="sm">
        <Stack gap={4} style={{ flex: '1 1 12rem' }}>
          <Group gap="xs" align="baseline">
            <Title order={2} fz="md" id={titleId}>
              {t('title')}
            </Title>
            <Text span fz="sm" c="gray.7">
              {t('hint')}
            </Text>
          </Group>
          {gift ? (
            <Group gap="xs">
              <Badge color={gift.left > 0 ? 'red.8' : 'gray.7'} variant="filled" style={{ textTransform: 'none' }}>
                {gift.left > 0 ? t('gift', { k: gift.firstK, left: gift.left }) : t('giftGone')}
              </Badge>
              <Text span fz="sm" c="gray.8">
                {t('giftName', { name: gift.couponName })}
              </Text>
            </Group>
          ) : null}
          {info && info.booked > 0 ? (
            <Text fz="xs" c="gray.7">
              {t('bookedCount', { n: info.booked })}
            </Text>
          ) : null}
        </Stack>
        {!signedIn ? (
          <Button component={Link} href={signInHref} color="red.8" variant="outline">
            {t('signInToBook')}
          </Button>
        ) : booking ? (
          <Group gap="xs">
            <Badge color="dark.7" c="white" size="lg" variant="filled" style={{ textTransform: 'none' }}>
              {t('booked')}
            </Badge>
            <Button variant="outline" color="dark" size="compact-sm" onClick={onCancel} disabled={busy}>
              {t('cancel')}
            </Button>
          </Group>
        ) : (
          <Button color="red.8" onClick={onBook} loading={busy} disabled={busy}>
            {busy ? t('booking') : t('book')}
          </Button>
        )}
      </Group>
      {won && booking ? (
        <Alert color={won.state === 'pool_empty' ? 'yellow' : 'green'} role="status" mt="sm" p="xs">
          {won.state === 'granted' ? t('wonGift', { slot: won.slot }) : won.state === 'pool_empty' ? t('poolEmpty', { slot: won.slot }) : t('giftPending')}
        </Alert>
      ) : null}
      <Refusal error={failure} mt="sm" p="xs" />
    </Paper>
  );
}

/** The panel with its data: the session's gift for anyone, the shopper's booking when signed in. */
export default function BookingReminder({ sessionId }: { sessionId: string }) {
  const signedIn = useShopper();
  const token = signedIn?.token ?? null;
  const [location] = useLocation();
  const search = useSearch();
  const [info, setInfo] = useState<BookingGiftInfo | null>(null);
  const [infoVersion, setInfoVersion] = useState(0);
  const mine = useShopperData(token, (t) => call<{ bookings: Booking[] }>('/api/me/bookings', { token: t }));
  const [justBooked, setJustBooked] = useState<Booking | null>(null);
  const { busy, failure, setFailure, run } = useShopperAction(token, () => {
    mine.reload();
    setInfoVersion((v) => v + 1);
  });

  useEffect(() => {
    let stopped = false;
    call<BookingGiftInfo>(`/api/sessions/${encodeURIComponent(sessionId)}/booking-gift`)
      .then((answer) => !stopped && setInfo(answer))
      .catch(() => {}); // the panel still books without the gift line
    return () => {
      stopped = true;
    };
  }, [sessionId, infoVersion]);
  useEffect(() => {
    setJustBooked(null);
    setFailure(null);
  }, [sessionId]);

  const act = (work: (token: string) => Promise<void>) => run(true, work);

  const booking = mine.data?.bookings.find((b) => b.sessionId === sessionId) ?? null;
  return (
    <BookingReminderView
      info={info}
      booking={booking}
      signedIn={Boolean(signedIn)}
      signInHref={`/sign-in?next=${encodeURIComponent(location + (search ? `?${search}` : ''))}`}
      busy={busy !== null}
      failure={failure}
      justBooked={justBooked}
      onBook={() =>
        act(async (t) => {
          const made = await call<Booking>('/api/me/bookings', { method: 'POST', token: t, body: { sessionId } });
          setJustBooked(made);
          mine.setData((data) => ({ bookings: [...(data?.bookings ?? []).filter((b) => b.sessionId !== sessionId), made] }));
        })
      }
      onCancel={() =>
        act(async (t) => {
          await call<null>(`/api/me/bookings/${encodeURIComponent(sessionId)}`, { method: 'DELETE', token: t });
          setJustBooked(null);
          mine.setData((data) => (data ? { bookings: data.bookings.filter((b) => b.sessionId !== sessionId) } : data));
        })
      }
    />
  );
}
