import type { Operand, Placeholder } from './condition.ts';

/** How a placeholder's value compares: which right-hand sides and operators make sense for it. */
export type ValueKind = 'number' | 'duration' | 'boolean' | 'text';

export const PLACEHOLDER_KINDS = {
  STATUS: 'number',
  RESPONSE_TIME: 'duration',
  BODY: 'text',
  HEADER: 'text',
  CERTIFICATE_EXPIRATION: 'duration',
  CONNECTED: 'boolean',
  DNS_RCODE: 'text',
  IP: 'text',
} as const satisfies Record<Placeholder, ValueKind>;

export function operandKind(operand: Operand): ValueKind {
  if (operand.fn === 'len') return 'number';
  if (operand.fn === 'has') return 'boolean';
  return PLACEHOLDER_KINDS[operand.placeholder];
}

/** Response codes a DNS answer can carry (names as dns-packet renders them). */
export const DNS_RCODES = [
  'NOERROR',
  'FORMERR',
  'SERVFAIL',
  'NXDOMAIN',
  'NOTIMP',
  'REFUSED',
  'YXDOMAIN',
  'YXRRSET',
  'NXRRSET',
  'NOTAUTH',
  'NOTZONE',
] as const;

export function isDnsRcode(text: string): boolean {
  return (DNS_RCODES as readonly string[]).includes(text) || /^RCODE_\d+$/.test(text);
}
