import { Anchor, Badge, Button, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { formatCountdown } from '../format';
import type { BuyState } from './buyButtonState';
import { reasonText, useShopT } from './useShopT';

/** What a buy attempt is doing right now (see useBuy). */
export interface BuyProgress {
  busy: boolean;
  /** A readable message of the last refusal or failure. */
  error: string | null;
  /** Server-clock ms until which a rate-limited shopper should wait before retrying. */
  retryAt: number | null;
  /** A key of an unconfirmed attempt is kept: the next tap continues that attempt. */
  pending: boolean;
}

export const idle: BuyProgress = { busy: false, error: null, retryAt: null, pending: false };

/**
 * The buy button in every state. Its block keeps one height whatever it says, so a state change
 * (countdown → buy → sold out) never moves the page.
 */
export function BuyButton({
  state,
  now,
  progress = idle,
  onBuy,
  fullWidth = true,
}: {
  state: BuyState;
  now: number;
  progress?: BuyProgress;
  onBuy: () => void;
  fullWidth?: boolean;
}) {
  const t = useShopT();
  const [location] = useLocation();
  const search = useSearch();
  const here = location + (search ? `?${search}` : '');

  let button;
  let note: ReactNode = null;
  switch (state.kind) {
    case 'countdown':
      button = (
        <Button fullWidth={fullWidth} disabled className="tabular">
          {t('opensIn', { time: formatCountdown(state.opensAt - now) })}
        </Button>
      );
      if (state.priority) note = <Badge color="yellow.9" variant="light">{t('priority')}</Badge>;
      break;
    case 'buy': {
      const waitMs = progress.retryAt !== null ? progress.retryAt - now : 0;
      const waiting = waitMs > 0;
      button = (
        <Button fullWidth={fullWidth} color="red.8" loading={progress.busy} disabled={waiting} onClick={onBuy}>
          {progress.error || progress.pending ? t('retryNow') : t('buy')}
        </Button>
      );
      if (waiting) note = <Text fz="xs" c="gray.7" className="tabular">{t('retryIn', { seconds: Math.ceil(waitMs / 1000) })}</Text>;
      else if (progress.pending && !progress.error) note = <Text fz="xs" c="gray.7">{t('pendingBuy')}</Text>;
      break;
    }
    case 'soldOut':
      button = <Button fullWidth={fullWidth} disabled>{t('soldOut')}</Button>;
      break;
    case 'paused':
      button = <Button fullWidth={fullWidth} disabled>{t('paused')}</Button>;
      break;
    case 'ended':
      button = <Button fullWidth={fullWidth} disabled>{t('endedButton')}</Button>;
      break;
    case 'limitReached':
      button = <Button fullWidth={fullWidth} disabled>{t('limitReached', { limit: state.limit })}</Button>;
      note = (
        <Anchor component={Link} href="/orders" fz="sm">
          {t('viewOrder')}
        </Anchor>
      );
      break;
    case 'notEligible':
      button = <Button fullWidth={fullWidth} disabled>{t('notEligible')}</Button>;
      note = <Text fz="sm" c="orange.9">{reasonText(t, state.reason)}</Text>;
      break;
    case 'signIn':
      button = (
        <Button fullWidth={fullWidth} component={Link} href={`/sign-in?next=${encodeURIComponent(here)}`} variant="outline" color="red.8">
          {t('signInToBuy')}
        </Button>
      );
      break;
  }
  // A refusal stays readable even when the state has already caught up (sold out, limit reached).
  const error = progress.error;
  return (
    <Stack gap={4}>
      {button}
      <div style={{ minHeight: 22 }}>
        {error ? (
          <Text fz="sm" c="red.8" role="alert">
            {error}
          </Text>
        ) : null}
        {note}
      </div>
    </Stack>
  );
}
