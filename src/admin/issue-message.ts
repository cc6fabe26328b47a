import type { z } from 'zod';

const ZOD_DEFAULT = /^(Invalid|Too (small|big)|Unrecognized)/;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * A validation issue in words a person understands, for the admin API's 400 and the form beside the field: zod's own
 * wording ("Too small: expected string to have >=16 characters") becomes "at least 16 characters"; a message a schema
 * chose ("a channel such as #ops") is kept as written.
 */
export function issueMessage(issue: z.core.$ZodIssue): string {
  if (!ZOD_DEFAULT.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      if (/received undefined$/.test(issue.message)) return 'required';
      return `must be ${issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'a set of fields' : `a ${issue.expected}`}`;
    case 'too_small': {
      const n = Number(issue.minimum);
      if (issue.origin === 'string')
        return n <= 1 ? 'required (cannot be empty)' : `at least ${plural(n, 'character')}`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `at least ${plural(n, 'entry')}`.replace('entrys', 'entries');
      return issue.inclusive ? `at least ${n}` : `more than ${n}`;
    }
    case 'too_big': {
      const n = Number(issue.maximum);
      if (issue.origin === 'string') return `at most ${plural(n, 'character')}`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `at most ${plural(n, 'entry')}`.replace('entrys', 'entries');
      return issue.inclusive ? `at most ${n}` : `less than ${n}`;
    }
    case 'invalid_format':
      if (issue.format === 'url') return 'not a valid URL (such as https://example.com/hook)';
      if (issue.format === 'email') return 'not a valid email address (such as ops@example.com)';
      return `not in the expected format (${issue.format})`;
    case 'invalid_value':
      return `one of: ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown ${issue.keys.length === 1 ? 'field' : 'fields'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_union':
      return 'does not match any of the accepted forms';
    default:
      return issue.message;
  }
}
