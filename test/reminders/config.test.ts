import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';

describe('reminder settings', () => {
  it('reads the webhook, its secret and timeout, the rate and the log channels from the environment', () => {
    const { platform } = readConfig({
      MIAOSHA_WEBHOOK_URL: 'https://hooks.example.com/miaosha',
      MIAOSHA_WEBHOOK_SECRET: 'k',
      MIAOSHA_WEBHOOK_TIMEOUT_MS: '2000',
      MIAOSHA_NOTIFY_RATE: '5',
      MIAOSHA_REMINDER_INTERVAL_MS: '500',
      MIAOSHA_NOTIFY_LOG_CHANNELS: 'sms, push',
    });
    expect(platform.reminders).toEqual({
      intervalMs: 500,
      perSecond: 5,
      webhook: { url: 'https://hooks.example.com/miaosha', secret: 'k', timeoutMs: 2000 },
      logChannels: ['sms', 'push'],
    });
  });

  it('has only the inbox by default, and refuses a channel it does not know', () => {
    expect(readConfig({}).platform.reminders).toEqual({ intervalMs: 1000, perSecond: 50, webhook: undefined, logChannels: [] });
    expect(() => readConfig({ MIAOSHA_NOTIFY_LOG_CHANNELS: 'fax' })).toThrow(/MIAOSHA_NOTIFY_LOG_CHANNELS/);
  });
});
