import { Alert, Button, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { CouponTemplate } from '../../api/types';
import { errorMessage } from '../../i18n/errors';
import { useLocale, useT } from '../../i18n/locale';
import type { BookingGiftInfo } from '../../shop/bookings/types';
import { useOperatorCall } from '../operatorApi';
import { Refusal } from '../Refusal';
import { type Checked, useCheckedForm } from '../useCheckedForm';

const messages = {
  'zh-CN': {
    title: '预约有礼',
    hint: '开场前，最先预约的 K 位顾客各得一张券（只能选平台发放的券）。',
    coupon: '赠送的券',
    firstK: '前 K 名',
    save: '保存预约礼',
    saved: '已保存：前 {k} 名送「{name}」',
    current: '当前：前 {k} 名送「{name}」，剩余 {left} 个名额；已有 {n} 人预约',
    none: '尚未设置预约礼；已有 {n} 人预约',
    noCoupons: '还没有平台发放的券（handout: grant），先发放一种再来设置。',
    locked: '场次已开始，预约礼不能再修改。',
    pickCoupon: '请选择一种券',
    badK: '请输入 1 到 1000000 之间的整数',
  },
  en: {
    title: 'Booking gift',
    hint: 'Before the start, each of the first K shoppers to book gets one coupon (only coupons the platform hands out).',
    coupon: 'Coupon to give',
    firstK: 'First K',
    save: 'Save booking gift',
    saved: 'Saved: the first {k} get “{name}”',
    current: 'Now: the first {k} get “{name}”, {left} slots left; {n} booked',
    none: 'No booking gift yet; {n} booked',
    noCoupons: 'No coupon the platform hands out (handout: grant) yet: issue one first.',
    locked: 'The session has started: its booking gift can no longer change.',
    pickCoupon: 'Pick a coupon',
    badK: 'Enter a whole number from 1 to 1000000',
  },
};

interface GiftForm {
  couponTemplateId: string;
  firstK: string;
}
interface GiftErrors {
  couponTemplateId: 'pickCoupon';
  firstK: 'badK';
}
interface GiftBody {
  couponTemplateId: string;
  firstK: number;
}

/** The form's rule: a coupon picked and K a whole number in range. */
export function checkGift(values: GiftForm): Checked<GiftErrors, GiftBody> {
  const errors: Partial<GiftErrors> = {};
  if (!values.couponTemplateId) errors.couponTemplateId = 'pickCoupon';
  const k = Number(values.firstK.trim());
  if (!/^[0-9]+$/.test(values.firstK.trim()) || k < 1 || k > 1_000_000) errors.firstK = 'badK';
  if (Object.keys(errors).length > 0) return { ok: false, errors: errors as GiftErrors };
  return { ok: true, body: { couponTemplateId: values.couponTemplateId, firstK: k } };
}

/** The operator attaches a gift to an upcoming session's bookings (预约有礼): a coupon for the first K. */
export function BookingGiftPanel({ sessionId, open }: { sessionId: string; open: boolean }) {
  const t = useT(messages);
  const { locale } = useLocale();
  const operator = useOperatorCall();
  const [info, setInfo] = useState<BookingGiftInfo | null>(null);
  const [coupons, setCoupons] = useState<CouponTemplate[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let stopped = false;
    Promise.all([operator<BookingGiftInfo>(`/api/sessions/${sessionId}/booking-gift`), operator<{ coupons: CouponTemplate[] }>('/api/admin/coupons')])
      .then(([gift, list]) => {
        if (stopped) return;
        setInfo(gift);
        setCoupons(list.coupons.filter((c) => c.handout === 'grant'));
      })
      .catch((error: unknown) => !stopped && setLoadError(error));
    return () => {
      stopped = true;
    };
  }, [operator, sessionId, version]);

  const { values, set, errors, failure, busy, sent, submit } = useCheckedForm({
    initial: { couponTemplateId: '', firstK: '10' },
    check: checkGift,
    keepValues: true,
    locked: !open,
    send: async (body: GiftBody) => {
      setInfo(await operator<BookingGiftInfo>(`/api/admin/sessions/${sessionId}/booking-gift`, { method: 'PUT', body }));
      setVersion((v) => v + 1);
    },
  });
  const savedName = sent ? coupons?.find((c) => c.id === sent.couponTemplateId)?.name ?? sent.couponTemplateId : null;

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate aria-labelledby="booking-gift-title">
        <Stack gap="sm">
          <Title order={2} fz="h4" id="booking-gift-title">
            {t('title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('hint')}
          </Text>
          {info ? (
            <Text size="sm">
              {info.gift
                ? t('current', { k: info.gift.firstK, name: info.gift.couponName, left: info.gift.left, n: info.booked })
                : t('none', { n: info.booked })}
            </Text>
          ) : null}
          {loadError ? (
            <Alert color="yellow" role="alert">
              {errorMessage(loadError, locale)}
            </Alert>
          ) : null}
          {!open ? (
            <Text size="sm" c="dimmed">
              {t('locked')}
            </Text>
          ) : coupons && coupons.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('noCoupons')}
            </Text>
          ) : (
            <Group align="flex-start" gap="sm" wrap="wrap">
              <Select
                label={t('coupon')}
                data={(coupons ?? []).map((c) => ({ value: c.id, label: `${c.name} (#${c.id})` }))}
                value={values.couponTemplateId || null}
                onChange={(value) => set({ couponTemplateId: value ?? '' })}
                error={errors.couponTemplateId ? t(errors.couponTemplateId) : undefined}
                required
                miw={240}
              />
              <TextInput
                label={t('firstK')}
                value={values.firstK}
                onChange={(e) => set({ firstK: e.currentTarget.value })}
                error={errors.firstK ? t(errors.firstK) : undefined}
                inputMode="numeric"
                required
                w={120}
              />
              <Button type="submit" loading={busy} mt={{ base: 0, sm: 25 }}>
                {t('save')}
              </Button>
            </Group>
          )}
          <Refusal error={failure} />
          {sent && savedName ? (
            <Alert color="green" role="status">
              {t('saved', { k: sent.firstK, name: savedName })}
            </Alert>
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}
