import { Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useShopT } from './useShopT';

/** Pay and cancel of a reserved order; cancel asks first, since the unit goes back to the crowd. */
export function OrderActions({
  busy,
  onPay,
  onCancel,
  compact = false,
}: {
  busy: 'pay' | 'cancel' | null;
  onPay: () => void;
  onCancel: () => void;
  compact?: boolean;
}) {
  const t = useShopT();
  const [confirming, setConfirming] = useState(false);
  if (confirming) {
    return (
      <Stack gap="xs">
        <Text fz="sm" role="alert">
          {t('cancelConfirm')}
        </Text>
        <Group gap="xs">
          <Button
            color="gray.8"
            size={compact ? 'xs' : 'sm'}
            loading={busy === 'cancel'}
            onClick={() => {
              setConfirming(false);
              onCancel();
            }}
          >
            {t('cancelYes')}
          </Button>
          {/* The button that opened this question is gone: focus moves to the safe answer. */}
          <Button variant="default" size={compact ? 'xs' : 'sm'} autoFocus onClick={() => setConfirming(false)}>
            {t('cancelNo')}
          </Button>
        </Group>
      </Stack>
    );
  }
  return (
    <Group gap="xs" grow={!compact}>
      <Button color="red.8" size={compact ? 'xs' : 'md'} loading={busy === 'pay'} disabled={busy !== null} onClick={onPay}>
        {t('pay')}
      </Button>
      <Button variant="default" size={compact ? 'xs' : 'md'} loading={busy === 'cancel'} disabled={busy !== null} onClick={() => setConfirming(true)}>
        {t('cancel')}
      </Button>
    </Group>
  );
}
