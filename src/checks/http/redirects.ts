import type { HttpRequest } from './send-request.ts';

export const MAX_REDIRECTS = 10;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Headers that must not travel to another origin. */
const ORIGIN_BOUND_HEADERS = ['authorization', 'cookie', 'proxy-authorization', 'host'];
/** Headers that describe a body, dropped when a redirect turns the request into a GET. */
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];

export function isFollowableRedirect(status: number, headers: Record<string, string>): boolean {
  return REDIRECT_STATUSES.has(status) && headers.location !== undefined;
}

/**
 * The request a redirect asks for, as browsers make it: 303 (and 301/302 after a POST) becomes a GET
 * without body; credentials are not sent to another origin. Throws on a location that is not http(s).
 */
export function redirectedRequest(previous: HttpRequest, status: number, location: string): HttpRequest {
  let url: URL;
  try {
    url = new URL(location, previous.url);
  } catch {
    throw new Error(`invalid redirect location "${location}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`redirect to unsupported URL "${url.href}"`);
  }
  url.hash = '';
  const toGet = (status === 303 && previous.method !== 'HEAD') || ((status === 301 || status === 302) && previous.method === 'POST');
  const drop = new Set<string>();
  if (url.origin !== previous.url.origin) ORIGIN_BOUND_HEADERS.forEach((name) => drop.add(name));
  if (toGet) BODY_HEADERS.forEach((name) => drop.add(name));
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(previous.headers)) {
    if (!drop.has(name.toLowerCase())) headers[name] = value;
  }
  return {
    url,
    method: toGet ? 'GET' : previous.method,
    headers,
    body: toGet ? undefined : previous.body,
  };
}
