/**
 * Server-sent events. The public session stream uses EventSource (it reconnects by itself); the
 * operator's stream needs an Authorization header, which EventSource cannot send, so it is read with
 * fetch() and parsed here, reconnecting after a pause.
 */

export type EventHandler = (event: string, data: unknown) => void;

export function openEvents(url: string, onEvent: EventHandler, events: string[]): () => void {
  const source = new EventSource(url);
  for (const name of events) {
    source.addEventListener(name, (message) => {
      try {
        onEvent(name, JSON.parse((message as MessageEvent<string>).data));
      } catch {
        // A malformed event is skipped; the next snapshot corrects the page.
      }
    });
  }
  return () => source.close();
}

/** Splits an SSE byte stream into (event, data) pairs; keeps a partial event until its end arrives. */
export function sseParser(onEvent: EventHandler): (chunk: string) => void {
  let buffer = '';
  return (chunk) => {
    buffer += chunk.replace(/\r\n/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length === 0) continue;
      try {
        onEvent(event, JSON.parse(data.join('\n')));
      } catch {
        // skip a malformed event
      }
    }
  };
}

export function openAuthorizedEvents(
  url: string,
  token: string,
  onEvent: EventHandler,
  onError: (status: number) => void = () => {},
): () => void {
  const controller = new AbortController();
  let stopped = false;
  const run = async () => {
    while (!stopped) {
      try {
        const response = await fetch(url, {
          headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
          signal: controller.signal,
        });
        if (!response.ok || !response.body) {
          onError(response.status);
          if (response.status === 401 || response.status === 403 || response.status === 404) return;
        } else {
          const parse = sseParser(onEvent);
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            parse(value);
          }
        }
      } catch {
        if (stopped) return;
        onError(0);
      }
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  };
  void run();
  return () => {
    stopped = true;
    controller.abort();
  };
}
