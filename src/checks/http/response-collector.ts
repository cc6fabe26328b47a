import type { Dispatcher } from 'undici';

export interface CollectedResponse {
  status: number;
  headers: Record<string, string>;
  /** Absent when the body was not wanted. */
  body?: string;
  /** performance.now() when the status line and headers arrived. */
  headersAt: number;
}

export interface CollectorOptions {
  maxBodyBytes: number;
  signal: AbortSignal;
  /** false: skip the body (a redirect about to be followed). */
  wantBody(status: number, headers: Record<string, string>): boolean;
  /** Read a skipped body to its end anyway, so that a kept-alive connection stays reusable. */
  drainSkippedBody: boolean;
}

/** Tells undici to stop a request whose outcome is already settled; it never surfaces. */
const STOP_READING = new Error('response no longer needed');

/**
 * An undici dispatch handler that keeps the status, the headers and at most maxBodyBytes of body as
 * text: no stream, no per-request async resource. It settles as soon as the signal aborts, even while
 * the request still waits for a connection.
 */
export class ResponseCollector implements Dispatcher.DispatchHandler {
  readonly done: Promise<CollectedResponse>;
  private resolve!: (response: CollectedResponse) => void;
  private reject!: (err: Error) => void;
  private settled = false;
  private controller?: Dispatcher.DispatchController;
  private response?: Omit<CollectedResponse, 'body'>;
  private keepBody = false;
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private readonly onAbort = () => {
    this.fail(new Error('aborted'));
    this.controller?.abort(STOP_READING);
  };

  constructor(private readonly options: CollectorOptions) {
    this.done = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    if (options.signal.aborted) this.fail(new Error('aborted'));
    else options.signal.addEventListener('abort', this.onAbort, { once: true });
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.settled) controller.abort(STOP_READING);
  }

  onResponseStart(
    controller: Dispatcher.DispatchController,
    status: number,
    rawHeaders: Record<string, string | string[] | undefined>,
  ): void {
    const headers = flattenHeaders(rawHeaders);
    this.response = { status, headers, headersAt: performance.now() };
    this.keepBody = this.options.wantBody(status, headers);
    if (!this.keepBody && !this.options.drainSkippedBody) this.finish(controller);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (!this.keepBody || this.settled) return;
    const room = this.options.maxBodyBytes - this.size;
    this.chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
    this.size += Math.min(chunk.length, room);
    if (this.size >= this.options.maxBodyBytes) this.finish(controller);
  }

  onResponseEnd(): void {
    this.finish();
  }

  onResponseError(_controller: Dispatcher.DispatchController, err: Error): void {
    this.fail(err);
  }

  /** Settle with what was read; with a controller, stop undici reading the rest. */
  private finish(controller?: Dispatcher.DispatchController): void {
    if (this.settled || !this.response) return;
    const body = this.keepBody ? Buffer.concat(this.chunks, this.size).toString('utf8') : undefined;
    this.settle();
    this.resolve({ ...this.response, body });
    controller?.abort(STOP_READING);
  }

  private fail(err: Error): void {
    if (this.settled) return;
    this.settle();
    this.reject(err);
  }

  private settle(): void {
    this.settled = true;
    this.options.signal.removeEventListener('abort', this.onAbort);
  }
}

/** One string per lower-case header name (repeated headers joined with ", "). */
function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
