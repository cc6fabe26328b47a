import dgram from 'node:dgram';
import type { Probe } from '../../domain/probe.ts';
import type { CheckContext, CheckType } from '../check-type.ts';
import { abortMessage, errorMessage } from '../failure-message.ts';
import { resolveUdpTarget, type UdpAddress } from './resolve-udp-target.ts';
import { udpCheckFields, type UdpCheckConfig } from './schema.ts';

/** Text kept of the reply ([BODY]). */
const MAX_REPLY_CHARS = 64 * 1024;

/**
 * Gatus's `udp://host:port`: send `body` (or an empty datagram) and wait for a reply until the timeout. A reply is
 * the success ([CONNECTED] true, its text in [BODY]); silence, or the port reported unreachable, is a failure.
 */
export const udpCheck: CheckType<'udp', typeof udpCheckFields> = {
  kind: 'udp',
  fields: udpCheckFields,
  example: { type: 'udp', host: 'game.example.com', port: 27015, body: 'ping' },
  defaultConditions: ['[CONNECTED] == true'],
  placeholders: ['CONNECTED', 'RESPONSE_TIME', 'BODY', 'IP'],
  measuresLatency: true,
  runsOnCheckThread: true,
  target: (config) => ({ host: config.host, limitKey: config.host.toLowerCase(), field: 'host' }),
  publicTarget: (config) => `${config.host}:${config.port}`,
  secretTarget: (config) => `${config.host.toLowerCase()}:${config.port}`,
  form: [
    { path: 'host', name: 'udp_host', label: 'Host', input: 'text', required: true },
    { path: 'port', name: 'udp_port', label: 'Port', input: 'number', min: 1, max: 65535 },
    { path: 'body', name: 'udp_body', label: 'Datagram to send', input: 'text', hint: 'Empty: an empty datagram.' },
  ],
  async run(config, ctx) {
    const startedAt = ctx.now();
    const began = performance.now();
    let target: UdpAddress;
    try {
      target = await resolveUdpTarget(ctx.egress, config.host);
    } catch (err) {
      const error = ctx.signal.aborted ? abortMessage(ctx) : errorMessage(err);
      return { startedAt, responseTimeMs: Math.round(performance.now() - began), connected: false, error };
    }
    return new Promise<Probe>((resolve) => exchange(config, target, ctx, { startedAt, began }, resolve));
  },
};

function exchange(
  config: UdpCheckConfig,
  target: UdpAddress,
  ctx: CheckContext,
  clock: { startedAt: number; began: number },
  resolve: (probe: Probe) => void,
): void {
  const socket = dgram.createSocket(target.family === 6 ? 'udp6' : 'udp4');
  let settled = false;
  const finish = (outcome: { reply: string } | { error: string }) => {
    if (settled) return;
    settled = true;
    ctx.signal.removeEventListener('abort', onAbort);
    socket.close();
    const replied = 'reply' in outcome;
    resolve({
      startedAt: clock.startedAt,
      responseTimeMs: Math.round(performance.now() - clock.began),
      connected: replied,
      error: replied ? undefined : outcome.error,
      ip: target.address,
      body: replied ? outcome.reply : undefined,
    });
  };
  const onAbort = () => finish({ error: `${abortMessage(ctx)} waiting for a reply` });

  socket.once('message', (message) => finish({ reply: message.toString('utf8').slice(0, MAX_REPLY_CHARS) }));
  // On a connected socket the kernel reports an ICMP "port unreachable" as ECONNREFUSED.
  socket.once('error', (err) => finish({ error: errorMessage(err) }));
  if (ctx.signal.aborted) return onAbort();
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  socket.connect(config.port, target.address, () => {
    socket.send(Buffer.from(config.body ?? '', 'utf8'), (err) => err && finish({ error: errorMessage(err) }));
  });
}
