// Placeholder: replaced by the tls check implementation.
import type { CheckType } from '../check-type.ts';
import { tlsCheckFields } from './schema.ts';

export const tlsCheck: CheckType<typeof tlsCheckFields> = {
  kind: 'tls',
  fields: tlsCheckFields,
  defaultConditions: [],
  async run() {
    throw new Error('tls check not implemented yet');
  },
};
