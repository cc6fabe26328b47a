import { z } from 'zod';
import { parseCidr } from '../egress/cidr-list.ts';
import { durationMs } from './duration-schema.ts';
import { EMAIL_RULE_PATTERN } from './oidc-schema.ts';

/** The ways a visitor may be let into a private page; any one of a page's methods suffices. */
export const PAGE_ACCESS_METHODS = ['password', 'oidc', 'ip', 'signed_in'] as const;
export type PageAccessMethod = (typeof PAGE_ACCESS_METHODS)[number];

/** How long a page's sign-in cookie lasts by default. */
export const PAGE_ACCESS_DEFAULT_SESSION_MS = 12 * 3_600_000;

/** The encoded form written by `hashPassword` (src/auth/password.ts), i.e. by `pharos hash-password`. */
const SCRYPT_HASH = /^scrypt\$ln=\d{1,2},r=\d{1,2},p=\d{1,2}\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/;

/**
 * Who may see a private page: the page, its JSON, feeds, badges, widget and live stream. Only a password's hash is
 * stored (made by `pharos hash-password`), never the password.
 */
export const pageAccessSchema = z
  .object({
    /** a shared password, as an scrypt hash from `pharos hash-password` */
    password_hash: z.string().regex(SCRYPT_HASH, 'an scrypt hash made by `pharos hash-password`').optional(),
    /** sign in through the admin's OpenID Connect provider (admin.oidc) */
    oidc: z.boolean().default(false),
    /** only these identities (exact or *@domain); with neither this nor oidc_groups, anyone admin.oidc.roles admits */
    oidc_emails: z
      .array(z.string().regex(EMAIL_RULE_PATTERN, 'an email like ops@example.com or *@example.com'))
      .max(1000)
      .optional(),
    /** only members of these groups (the provider's groups claim) */
    oidc_groups: z.array(z.string().min(1)).max(1000).optional(),
    /** client addresses let in without signing in: CIDRs or single addresses */
    ip_allow: z
      .array(
        z
          .string()
          .refine((text) => parseCidr(text) !== undefined, 'a CIDR such as 10.0.0.0/8 or fd00::/8, or an IP address'),
      )
      .min(1)
      .max(1000)
      .optional(),
    /** anyone signed in to Pharos's admin (any role) */
    signed_in: z.boolean().default(false),
    /** how long a password or SSO sign-in lasts */
    session: durationMs({ min: 60_000 }).default(PAGE_ACCESS_DEFAULT_SESSION_MS),
  })
  .strict()
  .refine((a) => pageAccessMethods(a).length > 0, {
    message: 'give at least one of password_hash, oidc: true, ip_allow, signed_in: true',
  })
  .refine((a) => a.oidc || (a.oidc_emails === undefined && a.oidc_groups === undefined), {
    message: 'oidc_emails and oidc_groups need oidc: true',
    path: ['oidc'],
  });
export type PageAccess = z.infer<typeof pageAccessSchema>;

/** The fields that turn methods on. */
interface AccessSwitches {
  password_hash?: string | undefined;
  oidc: boolean;
  ip_allow?: readonly string[] | undefined;
  signed_in: boolean;
}

/** The methods a page's settings turn on, in the order the sign-in page offers them. */
export function pageAccessMethods(a: AccessSwitches): PageAccessMethod[] {
  const methods: PageAccessMethod[] = [];
  if (a.password_hash) methods.push('password');
  if (a.oidc) methods.push('oidc');
  if (a.ip_allow && a.ip_allow.length > 0) methods.push('ip');
  if (a.signed_in) methods.push('signed_in');
  return methods;
}
