import { get, type ClientRequest } from 'node:http';

export interface StreamEvent {
  etag: string;
  at: number;
}

/** An open `/api/v2/stream` (Server-Sent Events): every `data: {"etag": …}` it sends, with when it arrived. */
export interface StreamWatch {
  readonly events: readonly StreamEvent[];
  /** the stream ended (server closed it or the connection broke) */
  readonly ended: boolean;
  close(): void;
}

export function watchStream(url: string, timeoutMs = 10_000): Promise<StreamWatch> {
  return new Promise((resolve, reject) => {
    const events: StreamEvent[] = [];
    let ended = false;
    let request: ClientRequest | undefined = undefined;
    const timer = setTimeout(() => {
      request?.destroy();
      reject(new Error(`no answer from ${url} within ${timeoutMs} ms`));
    }, timeoutMs);
    request = get(url, (res) => {
      clearTimeout(timer);
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`${url} answered ${res.statusCode}`));
        return;
      }
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        buffer += chunk;
        const messages = buffer.split('\n\n');
        buffer = messages.pop() ?? '';
        for (const m of messages) {
          const data = /^data: (.*)$/m.exec(m)?.[1];
          if (data) events.push({ etag: (JSON.parse(data) as { etag: string }).etag, at: Date.now() });
        }
      });
      res.on('close', () => (ended = true));
      res.on('error', () => (ended = true));
      resolve({
        events,
        get ended() {
          return ended;
        },
        close: () => request?.destroy(),
      });
    });
    request.on('error', (err) => {
      clearTimeout(timer);
      ended = true;
      reject(err);
    });
  });
}
