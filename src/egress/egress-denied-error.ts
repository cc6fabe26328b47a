import type { EgressDenial } from './egress-policy.ts';

/** A connection the egress policy refused; the message is the denial's reason. */
export class EgressDeniedError extends Error {
  readonly code = 'egress_denied';

  constructor(readonly denial: EgressDenial) {
    super(denial.reason);
    this.name = 'EgressDeniedError';
  }
}
