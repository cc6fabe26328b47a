import { HttpResponse, type HttpRequest } from '@smithy/core/transport';
import type { HttpHandlerOptions, RequestHandler } from '@smithy/types';
import { request, type Dispatcher } from 'undici';

/**
 * The AWS SDK's HTTP requests sent through a delivery's dispatcher: the egress policy applies to the SNS endpoint
 * like to any other target, and the delivery's signal cuts them short.
 */
export function guardedRequestHandler(
  dispatcher: Dispatcher,
  signal: AbortSignal,
): RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions> {
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(req) {
      const query = Object.entries(req.query ?? {})
        .flatMap(([k, v]) =>
          (Array.isArray(v) ? v : [v]).map((x) => `${encodeURIComponent(k)}=${encodeURIComponent(x ?? '')}`),
        )
        .join('&');
      const url = `${req.protocol}//${req.hostname}${req.port ? `:${req.port}` : ''}${req.path}${query ? `?${query}` : ''}`;
      const { host: _host, ...headers } = req.headers;
      const res = await request(url, {
        method: req.method as Dispatcher.HttpMethod,
        headers,
        body: req.body as string | Uint8Array | undefined,
        dispatcher,
        signal,
      });
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers))
        if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
      return { response: new HttpResponse({ statusCode: res.statusCode, headers: out, body: res.body }) };
    },
  };
}
