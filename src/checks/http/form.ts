import type { CheckFormField } from '../check-form.ts';
import { HTTP_METHODS } from './schema.ts';

export const httpForm: readonly CheckFormField[] = [
  { path: 'url', label: 'URL', input: 'url', hint: 'http:// or https://', required: true },
  { path: 'method', label: 'Method', input: 'select', options: HTTP_METHODS, initial: 'GET' },
  {
    path: 'headers',
    label: 'Request headers',
    input: 'header-lines',
    rows: 3,
    hint: 'One "Name: value" per line. Hidden values show as [redacted] and are kept only while the URL stays exactly the same; after changing the URL, type them again.',
  },
  { path: 'body', label: 'Request body', input: 'textarea', rows: 3 },
  { path: 'follow_redirects', label: 'Follow redirects', input: 'checkbox', initial: true },
  { path: 'verify_tls', label: 'Verify the TLS certificate', input: 'checkbox', initial: true },
  { path: 'keep_alive', label: 'Reuse connections between checks', input: 'checkbox' },
];
