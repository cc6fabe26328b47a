import type { z } from 'zod';
import { AdminError, type FieldIssue } from '../../admin/admin-error.ts';
import { issueMessage } from '../../admin/issue-message.ts';

/** Parse one part of a request (params, query, body) with its schema: every wrong field, with its path, in a 400. */
export function parseInput<T extends z.ZodType>(
  part: 'params' | 'query' | 'body',
  schema: T | undefined,
  value: unknown,
): z.infer<T> {
  if (!schema) return undefined as z.infer<T>;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues: FieldIssue[] = parsed.error.issues
    .slice(0, 50)
    .map((i) => ({ path: [part, ...i.path.map(String)].join('.'), message: issueMessage(i) }));
  throw new AdminError('invalid_input', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
}
