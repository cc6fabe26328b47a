import dgram from 'node:dgram';
import net from 'node:net';
import dnsPacket, { type Answer, type Question } from 'dns-packet';

/** Records by name; a name that is absent answers NXDOMAIN. */
export type DnsZone = Record<
  string,
  {
    A?: string[];
    AAAA?: string[];
    CNAME?: string;
    MX?: { preference: number; exchange: string }[];
    /** One record per entry; an entry may be several strings (joined by the check). */
    TXT?: (string | string[])[];
    NS?: string[];
  }
>;

export interface DnsTestServerOptions {
  zone: DnsZone;
  /** Names answered with this response code instead of from the zone. */
  rcodes?: Record<string, 'NOERROR' | 'FORMERR' | 'SERVFAIL' | 'NXDOMAIN' | 'NOTIMP' | 'REFUSED'>;
  /** Names answered over UDP with the TC bit and no records (the full answer comes over TCP). */
  truncated?: string[];
  /** Names never answered. */
  silent?: string[];
  /** Names first answered with a wrong id (which the client must ignore), then correctly. */
  wrongIdFirst?: string[];
}

export interface DnsTestServer {
  port: number;
  /** "127.0.0.1:<port>", for a dns check's `resolver`. */
  resolver: string;
  /** Queries received so far, by transport. */
  queries: { udp: number; tcp: number };
  close(): Promise<void>;
}

const RCODES = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;

/** A DNS server on 127.0.0.1, UDP and TCP on one port, answering from a fixed zone. */
export async function startDnsTestServer(options: DnsTestServerOptions): Promise<DnsTestServer> {
  const queries = { udp: 0, tcp: 0 };
  const onUdp = (udp: dgram.Socket, message: Buffer, peer: dgram.RemoteInfo): void => {
    queries.udp++;
    const query = dnsPacket.decode(message);
    const name = query.questions?.[0]?.name ?? '';
    if (options.silent?.includes(name)) return;
    const reply = (packet: Buffer) => udp.send(packet, peer.port, peer.address);
    if (options.wrongIdFirst?.includes(name))
      reply(respond(options, { ...query, id: ((query.id ?? 0) + 1) % 65536 }, false));
    reply(respond(options, query, options.truncated?.includes(name) ?? false));
  };
  const tcp = net.createServer((socket) => {
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
        queries.tcp++;
        const query = dnsPacket.decode(buffered.subarray(2, 2 + buffered.readUInt16BE(0)));
        buffered = buffered.subarray(2 + buffered.readUInt16BE(0));
        const packet = respond(options, query, false);
        const prefix = Buffer.alloc(2);
        prefix.writeUInt16BE(packet.length);
        socket.write(Buffer.concat([prefix, packet]));
      }
    });
    socket.on('error', () => undefined);
  });
  const { udp, port } = await listenOnSamePort(onUdp, tcp);
  return {
    port,
    resolver: `127.0.0.1:${port}`,
    queries,
    close: async () => {
      await Promise.all([
        new Promise<void>((resolve) => udp.close(() => resolve())),
        new Promise<void>((resolve) => tcp.close(() => resolve())),
      ]);
    },
  };
}

function respond(options: DnsTestServerOptions, query: dnsPacket.DecodedPacket, truncated: boolean): Buffer {
  const question = query.questions?.[0];
  const name = question?.name ?? '';
  const rcode = options.rcodes?.[name] ?? (options.zone[name] ? 'NOERROR' : 'NXDOMAIN');
  const answers = question && rcode === 'NOERROR' && !truncated ? answersFor(options.zone, question) : [];
  const flags =
    dnsPacket.RECURSION_DESIRED |
    dnsPacket.RECURSION_AVAILABLE |
    RCODES[rcode] |
    (truncated ? dnsPacket.TRUNCATED_RESPONSE : 0);
  return dnsPacket.encode({ type: 'response', id: query.id, flags, questions: query.questions, answers });
}

function answersFor(zone: DnsZone, question: Question): Answer[] {
  const records = zone[question.name];
  if (!records) return [];
  const base = { name: question.name, ttl: 60, class: 'IN' as const };
  if (records.CNAME && question.type !== 'CNAME') {
    const target = { ...question, name: records.CNAME };
    return [{ ...base, type: 'CNAME', data: records.CNAME }, ...answersFor(zone, target)];
  }
  switch (question.type) {
    case 'A':
    case 'AAAA':
    case 'NS':
      return (records[question.type] ?? []).map((data) => ({ ...base, type: question.type as 'A', data }));
    case 'CNAME':
      return records.CNAME ? [{ ...base, type: 'CNAME', data: records.CNAME }] : [];
    case 'MX':
      return (records.MX ?? []).map((data) => ({ ...base, type: 'MX', data }));
    case 'TXT':
      return (records.TXT ?? []).map((data) => ({ ...base, type: 'TXT', data }));
    default:
      return [];
  }
}

/**
 * UDP on an ephemeral port, then TCP on the same number. The number can be taken for TCP (other test files run
 * beside this one), so a clash is tried again on a fresh UDP port; anything else, or 50 clashes in a row, is thrown.
 */
async function listenOnSamePort(
  onMessage: (udp: dgram.Socket, message: Buffer, peer: dgram.RemoteInfo) => void,
  tcp: net.Server,
): Promise<{ udp: dgram.Socket; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const udp = dgram.createSocket('udp4');
    udp.on('message', (message, peer) => onMessage(udp, message, peer));
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(0, '127.0.0.1', () => resolve());
    });
    const { port } = udp.address();
    try {
      await new Promise<void>((resolve, reject) => {
        tcp.once('error', reject);
        tcp.listen(port, '127.0.0.1', () => {
          tcp.off('error', reject);
          resolve();
        });
      });
      return { udp, port };
    } catch (error) {
      await new Promise<void>((resolve) => udp.close(() => resolve()));
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 50) throw error;
    }
  }
}
