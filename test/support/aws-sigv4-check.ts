import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { HttpRequest } from '@smithy/core/transport';
import { SignatureV4 } from '@smithy/signature-v4';
import type { SourceData } from '@smithy/types';
import type { ReceivedRequest } from './http-receiver.ts';

/** The credentials the tests hand the SDK (never real ones). */
export const TEST_AWS_CREDENTIALS = {
  accessKeyId: 'AKIAPHAROSTEST000001',
  secretAccessKey: 'pharos/test/secret/key/0123456789abcdefghij',
} as const;

/** SHA-256 (HMAC with a secret) for the signer, from node:crypto. */
class NodeSha256 {
  #hash;
  constructor(secret?: SourceData) {
    this.#hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: SourceData): void {
    this.#hash.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.#hash.digest()));
  }
}

function bytes(data: SourceData): string | Buffer {
  if (typeof data === 'string') return data;
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

const AUTH =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/**
 * Checks an AWS Signature Version 4 request as AWS would: re-signs the signed headers, path, query and body with the
 * known test secret (@smithy/signature-v4) and compares. null when the signature is right, else why not.
 */
export async function checkSigV4(
  req: ReceivedRequest,
  expect: { service: string; region: string; now?: number },
): Promise<string | null> {
  const m = AUTH.exec(req.headers.authorization ?? '');
  if (!m) return `no SigV4 Authorization header: ${req.headers.authorization ?? '(none)'}`;
  const [, keyId, day, region, service, signedHeaders, signature] = m;
  if (keyId !== TEST_AWS_CREDENTIALS.accessKeyId) return `unknown access key ${keyId}`;
  if (region !== expect.region || service !== expect.service)
    return `signed for ${service} in ${region}, expected ${expect.service} in ${expect.region}`;
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  const dm = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!dm || amzDate.slice(0, 8) !== day) return `bad x-amz-date ${amzDate}`;
  const signingDate = new Date(`${dm[1]}-${dm[2]}-${dm[3]}T${dm[4]}:${dm[5]}:${dm[6]}Z`);
  if (Math.abs(signingDate.getTime() - (expect.now ?? Date.now())) > 15 * 60_000) return 'request time too skewed';
  const names = signedHeaders!.split(';');
  for (const required of ['host', 'x-amz-date']) if (!names.includes(required)) return `${required} is not signed`;
  const contentSha = req.headers['x-amz-content-sha256'];
  if (typeof contentSha === 'string' && contentSha !== 'UNSIGNED-PAYLOAD') {
    const actual = createHash('sha256').update(req.rawBody).digest('hex');
    if (contentSha !== actual) return 'x-amz-content-sha256 does not match the body';
  }
  const headers: Record<string, string> = {};
  for (const name of names) {
    const value = req.headers[name];
    if (value === undefined) return `signed header ${name} missing`;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string | string[]> = {};
  const q = req.url.indexOf('?');
  for (const [k, v] of new URLSearchParams(q === -1 ? '' : req.url.slice(q + 1))) {
    const had = query[k];
    query[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
  }
  const [hostname, port] = headers.host!.split(':');
  const request = new HttpRequest({
    method: req.method,
    protocol: 'http:',
    hostname: hostname!,
    port: port ? Number(port) : undefined,
    path: q === -1 ? req.url : req.url.slice(0, q),
    query,
    headers,
    body: req.rawBody.length > 0 ? new Uint8Array(req.rawBody) : undefined,
  });
  const signer = new SignatureV4({
    credentials: TEST_AWS_CREDENTIALS,
    region: region!,
    service: service!,
    sha256: NodeSha256,
    // S3 signs the path as sent; every other service escapes it once more
    uriEscapePath: service !== 's3',
    applyChecksum: false,
  });
  const signed = await signer.sign(request, { signingDate });
  const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization))?.[1] ?? '';
  const ok = expected.length === 64 && timingSafeEqual(Buffer.from(expected), Buffer.from(signature!));
  return ok ? null : 'signature does not match';
}
