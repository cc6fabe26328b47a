import { createHash } from 'node:crypto';
import { checkSigV4 } from './aws-sigv4-check.ts';
import { startHttpReceiver, type HttpReceiver, type ReceivedRequest, type ReceiverResponse } from './http-receiver.ts';

export interface StoredObject {
  body: Buffer;
  contentType: string | undefined;
  cacheControl: string | undefined;
  etag: string;
}

export interface S3TestServer {
  /** http://127.0.0.1:<port>: the `endpoint` of a path-style S3 client */
  url: string;
  receiver: HttpReceiver;
  /** the bucket's objects by key */
  objects: Map<string, StoredObject>;
  /** every operation answered, in order: 'PutObject <key>', 'DeleteObjects <n>', 'ListObjectsV2', 'GetObject <key>' … */
  operations: string[];
  /** requests refused for a bad signature, with the reason */
  refused: string[];
  /** answer every request 503 (an outage) until set back to false */
  failing: boolean;
  close(): Promise<void>;
}

/**
 * A small S3-compatible server on 127.0.0.1 for one bucket, path-style: the calls the SDK makes to publish a static
 * copy (PutObject, GetObject, HeadObject, DeleteObject, DeleteObjects, ListObjectsV2), each SigV4-checked against the
 * test credentials (403 SignatureDoesNotMatch otherwise), answered in S3's XML.
 */
export async function startS3TestServer(opts: { bucket: string; region: string }): Promise<S3TestServer> {
  const objects = new Map<string, StoredObject>();
  const operations: string[] = [];
  const refused: string[] = [];
  const server: S3TestServer = {
    url: '',
    receiver: undefined as unknown as HttpReceiver,
    objects,
    operations,
    refused,
    failing: false,
    close: () => receiver.close(),
  };
  const receiver = await startHttpReceiver({
    respond: async (req) => {
      if (server.failing) return xmlError(503, 'SlowDown', 'Please reduce your request rate.');
      const problem = await checkSigV4(req, { service: 's3', region: opts.region });
      if (problem) {
        refused.push(problem);
        return xmlError(403, 'SignatureDoesNotMatch', problem);
      }
      return answer(req);
    },
  });
  server.receiver = receiver;
  server.url = receiver.url;

  const answer = (req: ReceivedRequest): ReceiverResponse => {
    const [, bucket, ...rest] = req.path.split('/');
    if (bucket !== opts.bucket) return xmlError(404, 'NoSuchBucket', `no bucket ${bucket}`);
    const key = rest.map(decodeURIComponent).join('/');
    if (req.method === 'GET' && key === '' && req.query['list-type'] === '2') return list(req);
    if (req.method === 'POST' && key === '' && 'delete' in req.query) return deleteMany(req);
    if (key === '') return xmlError(400, 'InvalidRequest', `${req.method} on the bucket is not supported here`);
    switch (req.method) {
      case 'PUT': {
        const etag = `"${createHash('md5').update(req.rawBody).digest('hex')}"`;
        objects.set(key, {
          body: req.rawBody,
          contentType: header(req, 'content-type'),
          cacheControl: header(req, 'cache-control'),
          etag,
        });
        operations.push(`PutObject ${key}`);
        return { status: 200, headers: { etag }, body: '' };
      }
      case 'GET':
      case 'HEAD': {
        const o = objects.get(key);
        operations.push(`${req.method === 'GET' ? 'GetObject' : 'HeadObject'} ${key}`);
        if (!o) return xmlError(404, 'NoSuchKey', 'The specified key does not exist.');
        return {
          status: 200,
          headers: { etag: o.etag, 'content-type': o.contentType ?? 'binary/octet-stream' },
          body: req.method === 'GET' ? o.body.toString('utf8') : '',
        };
      }
      case 'DELETE':
        objects.delete(key);
        operations.push(`DeleteObject ${key}`);
        return { status: 204 };
    }
    return xmlError(405, 'MethodNotAllowed', req.method);
  };

  const list = (req: ReceivedRequest): ReceiverResponse => {
    const prefix = req.query.prefix ?? '';
    const max = Number(req.query['max-keys'] ?? 1000);
    const after = req.query['continuation-token'] ?? '';
    const keys = [...objects.keys()].filter((k) => k.startsWith(prefix) && k > after).sort();
    const page = keys.slice(0, max);
    const truncated = keys.length > page.length;
    operations.push('ListObjectsV2');
    const contents = page
      .map(
        (k) =>
          `<Contents><Key>${esc(k)}</Key><ETag>${esc(objects.get(k)!.etag)}</ETag><Size>${objects.get(k)!.body.length}</Size></Contents>`,
      )
      .join('');
    return xml(
      200,
      `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${opts.bucket}</Name><Prefix>${esc(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${max}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${contents}${truncated ? `<NextContinuationToken>${esc(page.at(-1)!)}</NextContinuationToken>` : ''}</ListBucketResult>`,
    );
  };

  const deleteMany = (req: ReceivedRequest): ReceiverResponse => {
    const keys = [...req.body.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => unesc(m[1]!));
    for (const k of keys) objects.delete(k);
    operations.push(`DeleteObjects ${keys.length}`);
    return xml(200, `<DeleteResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"></DeleteResult>`);
  };

  return server;
}

function header(req: ReceivedRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function xml(status: number, body: string): ReceiverResponse {
  return {
    status,
    headers: { 'content-type': 'application/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?>${body}`,
  };
}

function xmlError(status: number, code: string, message: string): ReceiverResponse {
  return xml(
    status,
    `<Error><Code>${code}</Code><Message>${esc(message)}</Message><RequestId>test</RequestId></Error>`,
  );
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function unesc(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
