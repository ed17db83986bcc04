import { readFileSync } from 'node:fs';

/**
 * Where the CPU went during a run, in % of one core: the server under test, the load generator
 * (this process) and everything else on the machine. On 2 shared cores this tells which side
 * limited a figure, and whether something else was running. Linux /proc only; zeros elsewhere.
 */
export interface CpuShare {
  server: number;
  loadGenerator: number;
  other: number;
  /** CPU seconds the server used: per request, steadier than req/s when the machine is shared. */
  serverSeconds: number;
}

const ticksPerSecond = 100; // USER_HZ, the unit of /proc/stat and /proc/PID/stat on Linux

interface Sample {
  at: number;
  machine: number;
  server: number;
  self: number;
}

function machineBusyTicks(): number {
  // cpu  user nice system idle iowait irq softirq steal …
  const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).slice(1, 9).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = fields;
  return user + nice + system + irq + softirq + steal;
}

function processTicks(pid: number): number {
  // utime and stime are fields 14 and 15; the command name before them may contain spaces.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(after[11]) + Number(after[12]);
}

/** The process and its children (the workers of `serve --workers`): a server is the whole tree. */
function treeTicks(pid: number): number {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // No children file: count the process alone.
  }
  return processTicks(pid) + children.reduce((sum, child) => sum + treeTicks(child), 0);
}

export function cpuSample(serverPid: number): Sample | null {
  try {
    return { at: performance.now(), machine: machineBusyTicks(), server: treeTicks(serverPid), self: processTicks(process.pid) };
  } catch {
    return null;
  }
}

export function cpuShare(before: Sample | null, after: Sample | null): CpuShare {
  if (!before || !after) return { server: 0, loadGenerator: 0, other: 0, serverSeconds: 0 };
  const core = ((after.at - before.at) / 1000) * ticksPerSecond;
  const pct = (ticks: number) => Math.max(0, Math.round((ticks / core) * 100));
  const server = after.server - before.server;
  const self = after.self - before.self;
  return {
    server: pct(server),
    loadGenerator: pct(self),
    other: pct(after.machine - before.machine - server - self),
    serverSeconds: server / ticksPerSecond,
  };
}

/**
 * Waits for a second in which other processes use less than `threshold` % of a core: other work
 * on a shared 2-core machine skews a run far more than the run-to-run noise. Gives up after
 * `maxMs` (which keeps the whole bench within ~3 minutes) and returns that last second's share,
 * so a run that had to start anyway can say so.
 */
export async function waitForQuiet(serverPid: number, maxMs = 15_000, threshold = 20): Promise<number> {
  const deadline = Date.now() + maxMs;
  for (;;) {
    const before = cpuSample(serverPid);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const { other } = cpuShare(before, cpuSample(serverPid));
    if (other < threshold || Date.now() >= deadline) return other;
  }
}
