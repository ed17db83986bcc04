import { defaultSignInCodeRate } from './auth/signIn.js';
import { parseHotItemBuckets } from './hotstore/redisBuckets.js';
import type { PlatformOptions } from './platform.js';

/** Every setting comes from the environment (see the README's table); flags override a few. */
export interface ServeConfig {
  host: string;
  port: number;
  dataDir: string;
  platform: PlatformOptions;
}

function number(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number, got ${raw}`);
  return value;
}

/** MIAOSHA_TRUST_PROXY: `true`, a number of hops, or addresses and CIDRs separated by commas. */
function trustProxy(raw: string | undefined): boolean | number | string | undefined {
  if (!raw) return undefined;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  return /^[0-9]+$/.test(raw) ? Number(raw) : raw;
}

/** MIAOSHA_NOTIFY_LOG_CHANNELS: `sms`, `push` or both, separated by commas: channels with no gateway yet, written to the log. */
function logChannels(raw: string | undefined): ('sms' | 'push')[] {
  const names = (raw ?? '').split(',').map((n) => n.trim()).filter(Boolean);
  for (const name of names) if (name !== 'sms' && name !== 'push') throw new Error(`MIAOSHA_NOTIFY_LOG_CHANNELS takes sms and push, got ${name}`);
  return names as ('sms' | 'push')[];
}

export function readConfig(env: NodeJS.ProcessEnv, flags: { port?: string; data?: string; host?: string } = {}): ServeConfig {
  const dataDir = flags.data ?? env.MIAOSHA_DATA_DIR ?? 'data';
  const databaseUrl = env.DATABASE_URL || undefined;
  const clusterNodes = (env.REDIS_CLUSTER_NODES ?? '').split(',').map((n) => n.trim()).filter(Boolean);
  const redisUrl = env.REDIS_URL || undefined;
  const redis = redisUrl || clusterNodes.length > 0 ? { url: redisUrl, clusterNodes, prefix: env.MIAOSHA_REDIS_PREFIX || undefined } : undefined;
  return {
    host: flags.host ?? env.HOST ?? '0.0.0.0',
    port: flags.port ? Number(flags.port) : number(env, 'PORT', 3000),
    dataDir,
    platform: {
      databaseUrl,
      dataDir: databaseUrl ? undefined : dataDir,
      adminToken: env.MIAOSHA_ADMIN_TOKEN || undefined,
      tokenSecret: env.MIAOSHA_TOKEN_SECRET || undefined,
      redis,
      // Unset: 0 for one embedded process; leased from Redis by each node of a scaled deployment.
      nodeId: env.MIAOSHA_NODE_ID ? number(env, 'MIAOSHA_NODE_ID', 0) : redis ? undefined : 0,
      commitIntervalMs: number(env, 'MIAOSHA_COMMIT_INTERVAL_MS', 2),
      sweepIntervalMs: number(env, 'MIAOSHA_SWEEP_INTERVAL_MS', 1000),
      claimIdleMs: number(env, 'MIAOSHA_CLAIM_IDLE_MS', 30_000),
      hotItemBuckets: parseHotItemBuckets(env.MIAOSHA_HOT_ITEM_BUCKETS),
      showSignInCodes: env.MIAOSHA_SHOW_SIGN_IN_CODES === '1' || env.MIAOSHA_SHOW_SIGN_IN_CODES === 'true',
      shopperRate: { perSecond: number(env, 'MIAOSHA_SHOPPER_RATE', 20), burst: number(env, 'MIAOSHA_SHOPPER_BURST', 40) },
      signInCodeRate: {
        perMinute: number(env, 'MIAOSHA_SIGN_IN_CODE_RATE', defaultSignInCodeRate.perMinute),
        burst: number(env, 'MIAOSHA_SIGN_IN_CODE_BURST', defaultSignInCodeRate.burst),
      },
      trustProxy: trustProxy(env.MIAOSHA_TRUST_PROXY),
      reminders: {
        intervalMs: number(env, 'MIAOSHA_REMINDER_INTERVAL_MS', 1000),
        perSecond: number(env, 'MIAOSHA_NOTIFY_RATE', 50),
        webhook: env.MIAOSHA_WEBHOOK_URL
          ? { url: env.MIAOSHA_WEBHOOK_URL, secret: env.MIAOSHA_WEBHOOK_SECRET || undefined, timeoutMs: number(env, 'MIAOSHA_WEBHOOK_TIMEOUT_MS', 5000) }
          : undefined,
        logChannels: logChannels(env.MIAOSHA_NOTIFY_LOG_CHANNELS),
      },
      payment: {
        latencyMs: number(env, 'MIAOSHA_PAY_LATENCY_MS', 50),
        failureRate: number(env, 'MIAOSHA_PAY_FAILURE_RATE', 0),
        timeoutMs: number(env, 'MIAOSHA_PAY_TIMEOUT_MS', 3000),
      },
    },
  };
}
