import type { HttpRequest } from './send-request.ts';

export const MAX_REDIRECTS = 10;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * The only headers that travel to another origin. Any other header a monitor sets may carry a credential
 * (X-Api-Key, X-Auth-Token …: the admin API redacts them as secrets too), and a secret goes only to the target it was
 * saved for, so a redirect to another origin drops it, as browsers drop Authorization and Cookie.
 */
const CROSS_ORIGIN_HEADERS = new Set([
  'accept',
  'accept-language',
  'accept-encoding',
  'user-agent',
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'cache-control',
  'pragma',
]);
/** Headers that describe a body, dropped when a redirect turns the request into a GET. */
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];

export function isFollowableRedirect(status: number, headers: Record<string, string>): boolean {
  return REDIRECT_STATUSES.has(status) && headers.location !== undefined;
}

/**
 * The request a redirect asks for, as browsers make it: 303 (and 301/302 after a POST) becomes a GET
 * without body; to another origin only harmless headers go (no credential, no custom header). Throws on a location that is not http(s).
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
  const toGet =
    (status === 303 && previous.method !== 'HEAD') ||
    ((status === 301 || status === 302) && previous.method === 'POST');
  const crossOrigin = url.origin !== previous.url.origin;
  const drop = new Set<string>(toGet ? BODY_HEADERS : []);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(previous.headers)) {
    const key = name.toLowerCase();
    if (!drop.has(key) && (!crossOrigin || CROSS_ORIGIN_HEADERS.has(key))) headers[name] = value;
  }
  return {
    url,
    method: toGet ? 'GET' : previous.method,
    headers,
    body: toGet ? undefined : previous.body,
  };
}
