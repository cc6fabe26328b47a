import { z } from 'zod';
import { isPemCertificateList } from './pem-certificates.ts';

export const tlsCheckFields = z.object({
  type: z.literal('tls'),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(443),
  /** SNI and the name the certificate must be valid for; default: host. */
  servername: z.string().optional(),
  /** Extra CA certificates (PEM text) to trust, e.g. a private CA. */
  ca: z
    .string()
    .refine(isPemCertificateList, 'must be one or more PEM certificates (-----BEGIN CERTIFICATE-----)')
    .optional(),
  /** Fail on an untrusted chain or a hostname mismatch (default true). */
  verify: z.boolean().default(true),
});
export type TlsCheckConfig = z.infer<typeof tlsCheckFields>;
