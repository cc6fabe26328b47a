import { z } from 'zod';

/** Hosts for which a plain-http issuer is accepted: a provider on the same machine (tests, local setups). */
export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'] as const;

export function isLoopbackHttpUrl(url: URL): boolean {
  return url.protocol === 'http:' && (LOOPBACK_HOSTS as readonly string[]).includes(url.hostname);
}

/** `someone@example.com` exactly, or `*@example.com` for anyone at that domain. */
export const EMAIL_RULE_PATTERN = /^(\*|[^\s@*]+)@[^\s@*]+$/;

/** Who gets a role: any one match is enough. */
export const oidcRoleRuleSchema = z
  .object({
    /** the provider's `sub` claims */
    subjects: z.array(z.string().min(1)).optional(),
    /** verified emails, exact or `*@domain` (case-insensitive) */
    emails: z.array(z.string().regex(EMAIL_RULE_PATTERN, 'an email like ops@example.com or *@example.com')).optional(),
    /** values of the groups claim (exact) */
    groups: z.array(z.string().min(1)).optional(),
  })
  .strict();
export type OidcRoleRule = z.infer<typeof oidcRoleRuleSchema>;

export const oidcRolesSchema = z
  .object({
    owner: oidcRoleRuleSchema.optional(),
    admin: oidcRoleRuleSchema.optional(),
    editor: oidcRoleRuleSchema.optional(),
    viewer: oidcRoleRuleSchema.optional(),
  })
  .strict()
  .refine(
    (roles) =>
      Object.values(roles).some(
        (r) => (r?.subjects?.length ?? 0) + (r?.emails?.length ?? 0) + (r?.groups?.length ?? 0) > 0,
      ),
    {
      message: 'no rule admits anyone; give at least one role some subjects, emails or groups',
    },
  );
export type OidcRoles = z.infer<typeof oidcRolesSchema>;

/** OpenID Connect sign-in (authorization code + PKCE). */
export const oidcSchema = z
  .object({
    /** the provider's issuer identifier; https, or http only on 127.0.0.1 / localhost */
    // (zod runs the refinement even after z.url() failed; that case is already reported)
    issuer: z
      .url()
      .refine((s) => !URL.canParse(s) || new URL(s).protocol === 'https:' || isLoopbackHttpUrl(new URL(s)), {
        message: 'https, or http only on 127.0.0.1 or localhost',
      }),
    client_id: z.string().min(1),
    /** absent: a public client that relies on PKCE alone */
    client_secret: z.string().min(1).optional(),
    /** where the provider sends people back, below the base URL */
    redirect_path: z
      .string()
      .regex(/^\/[^\s?#]*$/, 'a path starting with /')
      .default('/admin/login/oidc/callback'),
    scopes: z
      .array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, 'a scope token'))
      .refine((s) => s.includes('openid'), { message: 'must include openid' })
      .default(['openid', 'email', 'profile']),
    /** the claim that lists a person's groups */
    groups_claim: z.string().min(1).default('groups'),
    button_label: z.string().min(1).max(100).default('Sign in with SSO'),
    roles: oidcRolesSchema,
  })
  .strict();
export type OidcConfig = z.infer<typeof oidcSchema>;
export type OidcInput = z.input<typeof oidcSchema>;
