import { z } from 'zod';
import { ID_PATTERN } from '../domain/id-pattern.ts';

export { ID_PATTERN };
export const idSchema = z
  .string()
  .regex(ID_PATTERN, 'lower-case letters, digits, - and _ (at most 63), starting with a letter or digit');
