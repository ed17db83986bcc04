import autocannon from 'autocannon';
import { type CpuShare, cpuSample, cpuShare, waitForQuiet } from './cpu.js';

/** One load-generator setup for every scenario, so the ratios compare servers, not clients. */
export const connections = 100;

/** What varies per request: who asks, and the attempt's Idempotency-Key. */
export type Feed = () => { token: string; key: string };

export interface Scenario {
  url: string;
  method: 'GET' | 'POST';
  body?: string;
  feed: Feed;
  /** The server's process, for the CPU accounting. */
  serverPid: number;
}

export interface Figures {
  seconds: number;
  requests: number;
  /** Mean of autocannon's per-second samples. */
  perSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statuses: Record<string, number>;
  cpu: CpuShare;
  /** Server CPU time per request (µs). */
  serverMicrosPerRequest: number;
}

export async function measure(scenario: Scenario, seconds: number): Promise<Figures> {
  const { origin, pathname } = new URL(scenario.url);
  const busy = await waitForQuiet(scenario.serverPid);
  if (busy >= 20) console.log(`    note: other processes were using ${busy}% of a core when this run started`);
  const before = cpuSample(scenario.serverPid);
  const result = await autocannon({
    url: origin,
    connections,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: scenario.method,
        path: pathname,
        headers: scenario.body === undefined ? {} : { 'content-type': 'application/json' },
        body: scenario.body,
        // Every request is rebuilt here, in all scenarios alike (the hello run gets the same headers).
        setupRequest: (request) => {
          const { token, key } = scenario.feed();
          return { ...request, headers: { ...request.headers, authorization: `Bearer ${token}`, 'idempotency-key': key } };
        },
      },
    ],
  });
  const cpu = cpuShare(before, cpuSample(scenario.serverPid));
  const statuses: Record<string, number> = {};
  let requests = 0;
  for (const [code, { count }] of Object.entries(result.statusCodeStats)) {
    statuses[code] = count;
    requests += count;
  }
  return {
    seconds: result.duration,
    requests,
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statuses,
    cpu,
    serverMicrosPerRequest: requests > 0 ? (cpu.serverSeconds * 1e6) / requests : 0,
  };
}
