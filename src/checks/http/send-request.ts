import { Client, type Dispatcher } from 'undici';
import { recordConnection, type ConnectionTrace } from './connection-trace.ts';
import { keepAliveAgent, latestConnectionFacts } from './keep-alive-agents.ts';
import { readTruncatedBody } from './read-truncated-body.ts';
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
export async function sendRequest(request: HttpRequest, options: HttpTransportOptions, trace: ConnectionTrace): Promise<HttpResponse> {
  if (options.keepAlive) return exchange(keepAliveAgent(options.verifyTls), request, options, trace);
  const client = new Client(request.url.origin, {
    connect: tracingConnector({
      verifyTls: options.verifyTls,
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
  const response = await dispatcher.request({
    origin: request.url.origin,
    path: request.url.pathname + request.url.search,
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: options.signal,
    reset: !options.keepAlive,
  });
  const headersAt = performance.now();
  if (options.keepAlive) {
    // The connection may be an older one: keep its address and certificate, not its connect timings.
    const facts = latestConnectionFacts(request.url.origin);
    recordConnection(trace, { connected: true, ip: facts?.ip, certificateExpiresAt: facts?.certificateExpiresAt });
  }
  const readyAt = trace.readyAt !== undefined && trace.readyAt > sentAt ? trace.readyAt : sentAt;
  trace.firstByteMs = headersAt - readyAt;

  const headers = flattenHeaders(response.headers);
  if (!options.wantBody(response.statusCode, headers)) {
    // A kept-alive connection stays usable only if the body is drained; a private one is closed anyway.
    if (options.keepAlive) await response.body.dump({ signal: options.signal });
    else response.body.on('error', () => undefined).destroy();
    return { status: response.statusCode, headers };
  }
  const body = await readTruncatedBody(response.body, options.maxBodyBytes);
  return { status: response.statusCode, headers, body };
}

/** undici's header object as one string per lower-case name (repeated headers joined with ", "). */
function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
