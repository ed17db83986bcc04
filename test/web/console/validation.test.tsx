import { describe, expect, it } from 'vitest';
import type { Item } from '../../../web/src/api/types';
import {
  centsToYuan,
  checkCampaign,
  checkItem,
  checkSession,
  emptyItemForm,
  isoToLocal,
  itemChanges,
  itemToForm,
  localToIso,
  paymentMinutesOf,
  quickSessionPreset,
  sessionChanges,
  yuanToCents,
} from '../../../web/src/console/validation';

const item: Item = {
  id: '7',
  sessionId: '3',
  title: '蓝牙耳机',
  originalPrice: 19900,
  flashPrice: 9900,
  initialStock: 500,
  stock: 500,
  soldOut: false,
  perUserLimit: 2,
  sku: 'BT-01',
  paused: false,
  eligibility: { tiers: ['gold', 'vip'], regionsAllowed: ['CN-31'] },
};

describe('yuan to cents', () => {
  it('reads whole yuan, one and two decimals as integer cents', () => {
    expect(yuanToCents('199')).toBe(19900);
    expect(yuanToCents('199.9')).toBe(19990);
    expect(yuanToCents('199.90')).toBe(19990);
    expect(yuanToCents('0.01')).toBe(1);
    expect(yuanToCents(' 1.05 ')).toBe(105);
    // 0.1 + 0.2 style float mistakes cannot happen: digits are read, not multiplied.
    expect(yuanToCents('1.15')).toBe(115);
  });
  it('refuses more than two decimals, signs, zero, text and more than the server takes', () => {
    for (const text of ['199.999', '1.005', '-1', '0', '0.00', 'abc', '', '1e3', '1,000', '.5', '10000000.01', '123456789']) expect(yuanToCents(text)).toBeNull();
    expect(yuanToCents('10000000')).toBe(1_000_000_000);
  });
  it('writes cents back as yuan for a form', () => {
    expect(centsToYuan(19990)).toBe('199.90');
    expect(centsToYuan(5)).toBe('0.05');
  });
});

describe('local date-times', () => {
  it('go to ISO UTC and back', () => {
    const iso = localToIso('2025-06-18T10:00');
    expect(iso).toMatch(/Z$/);
    expect(isoToLocal(iso!)).toBe('2025-06-18T10:00:00');
    expect(localToIso('2025-06-18T10:00:30')).toBe(new Date(2025, 5, 18, 10, 0, 30).toISOString());
    expect(localToIso('')).toBeNull();
    expect(localToIso('tomorrow')).toBeNull();
  });
});

describe('campaign form', () => {
  it('needs a name and an end after the start', () => {
    const result = checkCampaign({ name: '  ', type: 'clearance', startsAt: '2025-06-18T10:00', endsAt: '2025-06-18T09:00' });
    expect(result).toEqual({ ok: false, errors: { name: 'required', endsAt: 'endBeforeStart' } });
  });
  it('sends a trimmed name and ISO times', () => {
    const result = checkCampaign({ name: ' 618 ', type: 'member-day', startsAt: '2025-06-18T10:00', endsAt: '2025-06-19T10:00' });
    expect(result.ok && result.body).toEqual({
      name: '618',
      type: 'member-day',
      startsAt: new Date(2025, 5, 18, 10).toISOString(),
      endsAt: new Date(2025, 5, 19, 10).toISOString(),
    });
  });
});

describe('session form', () => {
  const campaign = { startsAt: new Date(2025, 5, 18, 0).toISOString(), endsAt: new Date(2025, 5, 19, 0).toISOString() };
  it('keeps a session inside its campaign', () => {
    const result = checkSession({ startsAt: '2025-06-17T23:00', endsAt: '2025-06-19T00:30', paymentMinutes: '15' }, campaign);
    expect(result).toEqual({ ok: false, errors: { startsAt: 'outsideCampaign', endsAt: 'outsideCampaign' } });
  });
  it('checks the order of times and the payment window', () => {
    expect(checkSession({ startsAt: '2025-06-18T10:30', endsAt: '2025-06-18T10:00', paymentMinutes: '0' }, campaign)).toEqual({
      ok: false,
      errors: { endsAt: 'endBeforeStart', paymentMinutes: 'paymentWindowRange' },
    });
  });
  it('sends the payment window in seconds', () => {
    const result = checkSession({ startsAt: '2025-06-18T10:00', endsAt: '2025-06-18T10:30', paymentMinutes: '5' }, campaign);
    expect(result.ok && result.body.paymentWindowSeconds).toBe(300);
  });
  it('sends only what an edit changed, and never rounds a window set in seconds behind the operator', () => {
    const session = { startsAt: new Date(2025, 5, 18, 10).toISOString(), endsAt: new Date(2025, 5, 18, 10, 30).toISOString(), paymentWindowSeconds: 90 };
    expect(paymentMinutesOf(90)).toBe('2');
    expect(paymentMinutesOf(30)).toBe('1');
    const untouched = checkSession({ startsAt: '2025-06-18T10:00', endsAt: '2025-06-18T11:00', paymentMinutes: paymentMinutesOf(90) }, campaign);
    expect(untouched.ok && sessionChanges(session, untouched.body)).toEqual({ endsAt: new Date(2025, 5, 18, 11).toISOString() });
    const longer = checkSession({ startsAt: '2025-06-18T10:00', endsAt: '2025-06-18T10:30', paymentMinutes: '5' }, campaign);
    expect(longer.ok && sessionChanges(session, longer.body)).toEqual({ paymentWindowSeconds: 300 });
  });
  it('has a preset starting a minute from now for half an hour', () => {
    const now = new Date(2025, 5, 18, 10, 0, 0, 400).getTime();
    expect(quickSessionPreset(now)).toEqual({ startsAt: '2025-06-18T10:01:01', endsAt: '2025-06-18T10:31:01', paymentMinutes: '15' });
  });
});

describe('item form', () => {
  const valid = { ...emptyItemForm, title: '蓝牙耳机', originalPrice: '199', flashPrice: '99.9', stock: '500', perUserLimit: '2' };

  it('sends prices in cents and leaves empty eligibility out', () => {
    const result = checkItem(valid);
    expect(result).toEqual({
      ok: true,
      body: { title: '蓝牙耳机', originalPrice: 19900, flashPrice: 9990, stock: 500, perUserLimit: 2, eligibility: {} },
    });
  });
  it('refuses a flash price that is not below the original', () => {
    expect(checkItem({ ...valid, flashPrice: '199.00' })).toEqual({ ok: false, errors: { flashPrice: 'flashNotBelow' } });
  });
  it('names each mistake', () => {
    const result = checkItem({
      ...emptyItemForm,
      title: 'x'.repeat(201),
      originalPrice: '19.999',
      flashPrice: 'abc',
      stock: '10000001',
      perUserLimit: '101',
      regionsAllowed: 'CN-31, shanghai',
      invitedUserIds: '12, abc',
      priorityMinutes: '30',
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        title: 'tooLong',
        originalPrice: 'tooManyDecimals',
        flashPrice: 'badPrice',
        stock: 'stockRange',
        perUserLimit: 'limitRange',
        regionsAllowed: 'badRegions',
        invitedUserIds: 'badUserIds',
        priorityTier: 'priorityTierMissing',
      },
    });
  });
  it('says when a price is above the cap, and when a list is longer than the server takes', () => {
    const regions = Array.from({ length: 501 }, () => 'CN-31').join(',');
    expect(checkItem({ ...valid, originalPrice: '20000000', regionsDenied: regions })).toEqual({
      ok: false,
      errors: { originalPrice: 'priceRange', regionsDenied: 'tooManyRegions' },
    });
  });
  it('builds the eligibility rules from the fields', () => {
    const result = checkItem({
      ...valid,
      sku: ' BT-01 ',
      tiers: ['gold'],
      realNameRequired: true,
      regionsAllowed: 'cn-31，CN-11',
      regionsDenied: 'CN-65',
      invitedUserIds: '12 34',
      priorityTier: 'vip',
      priorityMinutes: '10',
    });
    expect(result.ok && result.body).toMatchObject({
      sku: 'BT-01',
      eligibility: {
        tiers: ['gold'],
        realNameRequired: true,
        regionsAllowed: ['CN-31', 'CN-11'],
        regionsDenied: ['CN-65'],
        invitedUserIds: ['12', '34'],
        priorityWindow: { minTier: 'vip', minutes: 10 },
      },
    });
  });
  it('sends only what an edit changed', () => {
    const form = itemToForm(item);
    expect(form.originalPrice).toBe('199.00');
    const same = checkItem(form);
    expect(same.ok && itemChanges(item, same.body)).toEqual({});
    const edited = checkItem({ ...form, flashPrice: '89.5', tiers: [] });
    expect(edited.ok && itemChanges(item, edited.body)).toEqual({ flashPrice: 8950, eligibility: { regionsAllowed: ['CN-31'] } });
  });
});
