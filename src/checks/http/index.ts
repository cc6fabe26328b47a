// Placeholder: replaced by the http check implementation.
import type { CheckType } from '../check-type.ts';
import { httpCheckFields } from './schema.ts';

export const httpCheck: CheckType<typeof httpCheckFields> = {
  kind: 'http',
  fields: httpCheckFields,
  defaultConditions: [],
  async run() {
    throw new Error('http check not implemented yet');
  },
};
