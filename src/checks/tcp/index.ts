// Placeholder: replaced by the tcp check implementation.
import type { CheckType } from '../check-type.ts';
import { tcpCheckFields } from './schema.ts';

export const tcpCheck: CheckType<typeof tcpCheckFields> = {
  kind: 'tcp',
  fields: tcpCheckFields,
  defaultConditions: [],
  async run() {
    throw new Error('tcp check not implemented yet');
  },
};
