// Placeholder: replaced by the dns check implementation.
import type { CheckType } from '../check-type.ts';
import { dnsCheckFields } from './schema.ts';

export const dnsCheck: CheckType<typeof dnsCheckFields> = {
  kind: 'dns',
  fields: dnsCheckFields,
  defaultConditions: [],
  async run() {
    throw new Error('dns check not implemented yet');
  },
};
