/** Runs tasks with at most `concurrency` in flight; results in task order. */
export async function inParallel<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

export interface Attempt {
  status: number;
  code?: string;
  orderId?: string;
}

/**
 * One buy attempt over real HTTP. A connection error (server killed), or no answer within
 * `timeoutMs` (a hang), is status 0.
 */
export async function attempt(
  base: string,
  token: string,
  sessionId: string,
  itemId: string,
  idempotencyKey: string,
  quantity = 1,
  timeoutMs = 30_000,
): Promise<Attempt> {
  try {
    const res = await fetch(`${base}/api/sessions/${sessionId}/items/${itemId}/reservations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': idempotencyKey, 'content-type': 'application/json' },
      body: JSON.stringify({ quantity }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json()) as { orderId?: string; error?: { code: string } };
    return { status: res.status, code: body.error?.code, orderId: body.orderId };
  } catch {
    return { status: 0 };
  }
}
