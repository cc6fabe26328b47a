import net from 'node:net';
import { includesLiteral } from '../../domain/find-literal.ts';
import type { Probe } from '../../domain/probe.ts';
import { EgressDeniedError } from '../../egress/egress-denied-error.ts';
import { openGuardedSocket } from '../../egress/guarded-connect.ts';
import type { CheckContext, CheckType } from '../check-type.ts';
import { abortMessage, errorMessage } from '../failure-message.ts';
import { phaseTimings } from '../phase-timings.ts';
import { tcpCheckFields, type TcpCheckConfig } from './schema.ts';

/** Text kept of what the server sent ([BODY]); matching `expect` looks at a sliding window of this size. */
const MAX_RECEIVED_CHARS = 64 * 1024;

/**
 * TCP connect to host:port; optionally write `send`, then read until `expect` appears. Connecting is
 * the success without `expect`; with it, the text must arrive before the server closes or the timeout.
 */
export const tcpCheck: CheckType<'tcp', typeof tcpCheckFields> = {
  kind: 'tcp',
  fields: tcpCheckFields,
  example: { type: 'tcp', host: 'db.example.com', port: 5432 },
  defaultConditions: ['[CONNECTED] == true'],
  placeholders: ['CONNECTED', 'RESPONSE_TIME', 'BODY', 'IP'],
  measuresLatency: true,
  runsOnCheckThread: true,
  target: (config) => ({ host: config.host, limitKey: config.host.toLowerCase(), field: 'host' }),
  publicTarget: (config) => `${config.host}:${config.port}`,
  secretTarget: (config) => `${config.host.toLowerCase()}:${config.port}`,
  form: [
    { path: 'host', label: 'Host', input: 'text', required: true },
    { path: 'port', label: 'Port', input: 'number', min: 1, max: 65535 },
    { path: 'send', label: 'Send after connecting', input: 'text' },
    { path: 'expect', label: 'Expect in the answer', input: 'text' },
  ],
  run(config, ctx) {
    return new Promise<Probe>((resolve) => probeTcp(config, ctx, resolve));
  },
};

function probeTcp(config: TcpCheckConfig, ctx: CheckContext, resolve: (probe: Probe) => void): void {
  const startedAt = ctx.now();
  const began = performance.now();
  const { expect, send } = config;
  let connectMs: number | undefined;
  let received = '';
  let settled = false;

  let socket: net.Socket;
  try {
    socket = openGuardedSocket({ host: config.host, port: config.port }, ctx.egress);
  } catch (err) {
    if (!(err instanceof EgressDeniedError)) throw err;
    return resolve({ startedAt, responseTimeMs: 0, connected: false, error: err.message });
  }
  socket.setEncoding('utf8');

  const finish = (error?: string) => {
    if (settled) return;
    settled = true;
    ctx.signal.removeEventListener('abort', onAbort);
    const ip = socket.remoteAddress;
    socket.destroy();
    resolve({
      startedAt,
      responseTimeMs: Math.round(performance.now() - began),
      connected: connectMs !== undefined,
      error,
      ip,
      body: expect !== undefined || received !== '' ? received : undefined,
      timings: phaseTimings({ connect: connectMs }),
    });
  };
  const onAbort = () => {
    const waitingFor =
      connectMs !== undefined && expect !== undefined
        ? ` waiting for ${JSON.stringify(expect)}${receivedSoFar(received)}`
        : '';
    finish(abortMessage(ctx) + waitingFor);
  };

  socket.once('connect', () => {
    connectMs = performance.now() - began;
    if (send !== undefined) socket.write(send, () => expect === undefined && finish());
    else if (expect === undefined) finish();
  });
  socket.on('data', (chunk: string) => {
    received = (received + chunk).slice(-(MAX_RECEIVED_CHARS + (expect?.length ?? 0)));
    // Only a match ending in this chunk is new: search that tail alone, in linear time (includes() is not, on some needles).
    if (expect !== undefined && includesLiteral(received.slice(-(chunk.length + expect.length)), expect)) finish();
  });
  socket.once('close', () => {
    const what =
      expect === undefined ? 'the data was sent' : `${JSON.stringify(expect)} was received${receivedSoFar(received)}`;
    finish(`connection closed before ${what}`);
  });
  socket.once('error', (err) => finish(errorMessage(err)));
  if (ctx.signal.aborted) onAbort();
  else ctx.signal.addEventListener('abort', onAbort, { once: true });
}

/** A short excerpt of what did arrive, for the error message. */
function receivedSoFar(received: string): string {
  if (received === '') return ' (nothing received)';
  const excerpt = received.length > 100 ? `${received.slice(0, 100)}…` : received;
  return ` (received ${JSON.stringify(excerpt)})`;
}
