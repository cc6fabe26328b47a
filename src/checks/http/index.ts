import { redactUrlDetails } from '../../admin/redact.ts';
import type { Probe } from '../../domain/probe.ts';
import type { CheckContext, CheckType } from '../check-type.ts';
import { failureMessage } from '../failure-message.ts';
import { phaseTimings } from '../phase-timings.ts';
import { newConnectionTrace, type ConnectionTrace } from './connection-trace.ts';
import { isFollowableRedirect, MAX_REDIRECTS, redirectedRequest } from './redirects.ts';
import { httpForm } from './form.ts';
import { httpCheckFields, type HttpCheckConfig } from './schema.ts';
import { sendRequest, type HttpRequest, type HttpResponse, type HttpTransportOptions } from './send-request.ts';

/**
 * HTTP(S) request to a URL. Any response is a success at this level (a 500 is judged by the
 * conditions); connection, TLS, timeout and redirect-loop failures are errors.
 */
export const httpCheck: CheckType<'http', typeof httpCheckFields> = {
  kind: 'http',
  fields: httpCheckFields,
  example: { type: 'http', url: 'https://example.com/health' },
  defaultConditions: ['[STATUS] < 400'],
  placeholders: ['STATUS', 'RESPONSE_TIME', 'BODY', 'HEADER', 'CERTIFICATE_EXPIRATION', 'CONNECTED', 'IP'],
  measuresLatency: true,
  runsOnCheckThread: true,
  target(config) {
    const host = new URL(config.url).hostname;
    return { host, limitKey: host.toLowerCase(), field: 'url' };
  },
  publicTarget: (config) => redactUrlDetails(config.url) as string, // no userinfo, no query values: tokens travel there
  // headers go to the very URL they were stored with (another path of the same host may echo them back); the URL's
  // password and query values to its scheme, host and port
  secretTarget: (config, path) => {
    const url = new URL(config.url);
    return path[0] === 'headers' ? url.href : `${url.protocol}//${url.host}`;
  },
  form: httpForm,
  async run(config, ctx) {
    const startedAt = ctx.now();
    const began = performance.now();
    const trace = newConnectionTrace();
    try {
      const response = await fetchFollowingRedirects(config, ctx, trace);
      return {
        ...connectionFields(startedAt, began, trace),
        status: response.status,
        headers: response.headers,
        body: response.body,
      };
    } catch (err) {
      return { ...connectionFields(startedAt, began, trace), error: failureMessage(err, ctx) };
    }
  },
};

async function fetchFollowingRedirects(
  config: HttpCheckConfig,
  ctx: CheckContext,
  trace: ConnectionTrace,
): Promise<HttpResponse> {
  const follow = config.follow_redirects;
  const options: HttpTransportOptions = {
    verifyTls: config.verify_tls,
    keepAlive: config.keep_alive,
    maxBodyBytes: config.max_body_bytes,
    signal: ctx.signal,
    egress: ctx.egress,
    wantBody: (status, headers) => !(follow && isFollowableRedirect(status, headers)),
  };
  const url = new URL(config.url);
  let request: HttpRequest = {
    url,
    method: config.method,
    headers: withUrlCredentials(url, config.headers),
    body: config.body,
  };
  for (let redirects = 0; ; redirects++) {
    const response = await sendRequest(request, options, trace);
    const location = response.headers.location;
    if (!follow || location === undefined || !isFollowableRedirect(response.status, response.headers)) return response;
    if (redirects === MAX_REDIRECTS) throw new Error(`too many redirects (more than ${MAX_REDIRECTS})`);
    request = redirectedRequest(request, response.status, location);
  }
}

/** https://user:pass@host/ means Basic auth (undici ignores credentials in the URL); an explicit header wins. */
function withUrlCredentials(url: URL, headers: Record<string, string>): Record<string, string> {
  if (url.username === '' && url.password === '') return headers;
  if (Object.keys(headers).some((name) => name.toLowerCase() === 'authorization')) return headers;
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return { ...headers, authorization: `Basic ${Buffer.from(credentials).toString('base64')}` };
}

function connectionFields(startedAt: number, began: number, trace: ConnectionTrace): Probe {
  return {
    startedAt,
    responseTimeMs: Math.round(performance.now() - began),
    connected: trace.connected,
    ip: trace.ip,
    certificateExpiresAt: trace.certificateExpiresAt,
    timings: phaseTimings({
      dns: trace.dnsMs,
      connect: trace.connectMs,
      tls: trace.tlsMs,
      firstByte: trace.firstByteMs,
    }),
  };
}
