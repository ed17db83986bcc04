import { Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useT } from '../../i18n/locale';
import { useOperatorCall } from '../operatorApi';
import { Refusal } from '../Refusal';
import { usePolling } from '../usePolling';

interface Setting {
  automatic: boolean;
  windowDays: number;
}

const messages = {
  'zh-CN': {
    title: '价格保护',
    automatic: '自动价格保护',
    hint: '开启后，商品降价时，付款 {days} 天内、实付高于现价的订单商品自动原路退还差价，每件一次。关闭时顾客可在订单页自行申请。',
  },
  en: {
    title: 'Price protection',
    automatic: 'Automatic price protection',
    hint: 'On: when a product’s price falls, every item paid within {days} days above the new price is refunded the difference by itself, once. Off: shoppers claim it on their order page.',
  },
};

/** The operator's switch for automatic price protection (保价). */
export function PriceProtectionSetting() {
  const t = useT(messages);
  const operator = useOperatorCall();
  const setting = usePolling(() => operator<Setting>('/api/admin/price-protection'), 'price-protection');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const change = async (automatic: boolean) => {
    setBusy(true);
    setFailure(null);
    try {
      await operator<Setting>('/api/admin/price-protection', { method: 'PUT', body: { automatic } });
      setting.reload();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={2} fz="h4">
          {t('title')}
        </Title>
        <Switch
          label={t('automatic')}
          checked={setting.data?.automatic ?? false}
          disabled={!setting.data || busy}
          onChange={(event) => void change(event.currentTarget.checked)}
        />
        <Text size="sm" c="dimmed">
          {t('hint', { days: setting.data?.windowDays ?? 30 })}
        </Text>
        <Refusal error={failure ?? setting.error} />
      </Stack>
    </Paper>
  );
}
