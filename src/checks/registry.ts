import type { CheckKind } from '../domain/statuses.ts';
import type { CheckType } from './check-type.ts';
import { dnsCheck } from './dns/index.ts';
import { httpCheck } from './http/index.ts';
import { pushCheck } from './push/index.ts';
import { tcpCheck } from './tcp/index.ts';
import { tlsCheck } from './tls/index.ts';

/** Every check type, one line each. A missing or misspelt kind is a compile error. */
export const checkTypes = {
  http: httpCheck,
  tcp: tcpCheck,
  dns: dnsCheck,
  tls: tlsCheck,
  push: pushCheck,
} satisfies Record<CheckKind, CheckType>;

export type CheckTypes = typeof checkTypes;
