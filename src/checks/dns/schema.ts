import { z } from 'zod';

export const DNS_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS'] as const;

export const dnsCheckFields = z.object({
  type: z.literal('dns'),
  /** The name to resolve. */
  query: z.string().min(1),
  record_type: z.enum(DNS_RECORD_TYPES).default('A'),
  /** "host" or "host:port"; default: the system resolver from /etc/resolv.conf. */
  resolver: z.string().optional(),
});
export type DnsCheckConfig = z.infer<typeof dnsCheckFields>;
