import { Client, type Dispatcher } from 'undici';
import type { EgressGuard } from '../../egress/egress-policy.ts';
import { recordConnection, type ConnectionTrace } from './connection-trace.ts';
import { keepAliveAgent, latestConnectionFacts } from './keep-alive-agents.ts';
import { ResponseCollector } from './response-collector.ts';
import { tracingConnector } from './tracing-connector.ts';

export interface HttpRequest {
  url: URL;
  method: Dispatcher.HttpMethod;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpTransportOptions {
  verifyTls: boolean;
  keepAlive: boolean;
  maxBodyBytes: number;
  signal: AbortSignal;
  egress: EgressGuard;
  /** Called with the status and headers: false skips reading the body (a redirect about to be followed). */
  wantBody(status: number, headers: Record<string, string>): boolean;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body?: string;
}

/**
 * One request and its response. Without keep-alive it opens a connection of its own and closes it
 * afterwards (also on failure), so each check measures a fresh connect and leaves nothing open.
 */
export async function sendRequest(
  request: HttpRequest,
  options: HttpTransportOptions,
  trace: ConnectionTrace,
): Promise<HttpResponse> {
  if (options.keepAlive) return exchange(keepAliveAgent(options.verifyTls, options.egress), request, options, trace);
  const client = new Client(request.url.origin, {
    connect: tracingConnector({
      verifyTls: options.verifyTls,
      egress: options.egress,
      signal: options.signal,
      onConnected: (facts) => recordConnection(trace, facts),
    }),
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  try {
    return await exchange(client, request, options, trace);
  } finally {
    await client.destroy().catch(() => undefined);
  }
}

async function exchange(
  dispatcher: Dispatcher,
  request: HttpRequest,
  options: HttpTransportOptions,
  trace: ConnectionTrace,
): Promise<HttpResponse> {
  const sentAt = performance.now();
  const collector = new ResponseCollector({
    maxBodyBytes: options.maxBodyBytes,
    signal: options.signal,
    wantBody: options.wantBody,
    drainSkippedBody: options.keepAlive,
  });
  dispatcher.dispatch(
    {
      origin: request.url.origin,
      path: request.url.pathname + request.url.search,
      method: request.method,
      headers: request.headers,
      body: request.body,
      reset: !options.keepAlive,
    },
    collector,
  );
  const { status, headers, body, headersAt } = await collector.done;
  if (options.keepAlive) {
    // The connection may be an older one: keep its address and certificate, not its connect timings.
    const facts = latestConnectionFacts(request.url.origin);
    recordConnection(trace, { connected: true, ip: facts?.ip, certificateExpiresAt: facts?.certificateExpiresAt });
  }
  const readyAt = trace.readyAt !== undefined && trace.readyAt > sentAt ? trace.readyAt : sentAt;
  trace.firstByteMs = headersAt - readyAt;
  return { status, headers, body };
}
