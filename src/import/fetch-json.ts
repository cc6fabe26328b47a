import { request, type Dispatcher } from 'undici';
import { guardedDispatcher } from '../egress/guarded-agent.ts';
import type { EgressPolicy } from '../egress/egress-policy.ts';
import { ImportError } from './import-error.ts';

/** How an importer reads a URL: GET, JSON answer; the caller's headers carry an API key when there is one. */
export type FetchJson = (url: string, headers?: Record<string, string>) => Promise<unknown>;

const MAX_BYTES = 50_000_000;
const TIMEOUT_MS = 30_000;

/**
 * GET through the egress policy with the operator's trust (origin `config`: the operator typed the URL, as they
 * write a monitor in the config file), at most 50 MB, 30 s. Redirects are not followed: an API that moved is said.
 */
export function egressFetchJson(policy: EgressPolicy): { fetchJson: FetchJson; close(): Promise<void> } {
  const dispatcher: Dispatcher = guardedDispatcher(policy.guardFor('config'));
  const fetchJson: FetchJson = async (url, headers = {}) => {
    const shown = urlForMessages(url);
    let res: Dispatcher.ResponseData;
    try {
      res = await request(url, {
        method: 'GET',
        dispatcher,
        headers: { accept: 'application/json', 'user-agent': 'pharos-import', ...headers },
        headersTimeout: TIMEOUT_MS,
        bodyTimeout: TIMEOUT_MS,
      });
    } catch (err) {
      throw new ImportError(`cannot fetch ${shown}: ${(err as Error).message}`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BYTES) {
        res.body.destroy();
        throw new ImportError(`${shown} answered more than ${MAX_BYTES} bytes`);
      }
      chunks.push(chunk);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    if (res.statusCode < 200 || res.statusCode > 299)
      throw new ImportError(
        `${shown} answered ${res.statusCode}${res.statusCode === 401 || res.statusCode === 403 ? ' (check the API key)' : ''}`,
      );
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new ImportError(`${shown} did not answer JSON`);
    }
  };
  return { fetchJson, close: () => dispatcher.close() };
}

/** A URL without its query (an API key may sit there) and without credentials, for messages. */
export function urlForMessages(url: string): string {
  if (!URL.canParse(url)) return JSON.stringify(url);
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname}`;
}
