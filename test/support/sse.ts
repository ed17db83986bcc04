/** A server-sent event stream read with fetch(), as a browser app with a bearer token reads it. */
export interface EventStream {
  status: number;
  contentType: string | null;
  next(): Promise<{ event: string; data: any }>;
  close(): Promise<void>;
}

export async function openEvents(url: string, headers: Record<string, string> = {}, timeoutMs = 15_000): Promise<EventStream> {
  const controller = new AbortController();
  const watchdog = setTimeout(() => controller.abort(), timeoutMs);
  const res = await fetch(url, { headers, signal: controller.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    async next() {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
          const data = /^data: (.*)$/m.exec(block)?.[1];
          return { event, data: data === undefined ? undefined : JSON.parse(data) };
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    },
    async close() {
      clearTimeout(watchdog);
      await reader.cancel().catch(() => {});
    },
  };
}

/** Polls until `check` holds (another node's news, a pipeline pass), or fails after `ms`. */
export async function until(what: string, check: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  for (let waited = 0; waited < ms; waited += 25) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting until ${what}`);
}
