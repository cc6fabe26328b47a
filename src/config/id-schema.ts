import { z } from 'zod';

export const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;
export const idSchema = z
  .string()
  .regex(ID_PATTERN, 'lower-case letters, digits, - and _ (at most 63), starting with a letter or digit');
