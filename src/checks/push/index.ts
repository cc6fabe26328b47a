// Placeholder: replaced by the push check implementation.
import type { CheckType } from '../check-type.ts';
import { pushCheckFields } from './schema.ts';

export const pushCheck: CheckType<typeof pushCheckFields> = {
  kind: 'push',
  fields: pushCheckFields,
  defaultConditions: [],
  async run() {
    throw new Error('push check not implemented yet');
  },
};
