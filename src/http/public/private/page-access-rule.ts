import { createHash } from 'node:crypto';
import { pageAccessMethods, type PageAccess, type PageAccessMethod } from '../../../config/page-access-schema.ts';
import { cidrList, type CidrList } from '../../../egress/cidr-list.ts';
import { parseIpAddress } from '../../../egress/ip-address.ts';

/** A page's access settings, compiled once when the mounts are built, so that a request only runs the checks. */
export interface PageAccessRule {
  methods: readonly PageAccessMethod[];
  /** changes whenever the settings change: cookies issued under older settings (an old password) stop working */
  fingerprint: string;
  passwordHash: string | undefined;
  /** set when SSO is on; empty lists: anyone admin.oidc.roles admits */
  oidc: { emails: readonly string[]; groups: readonly string[] } | undefined;
  ipAllow: CidrList | undefined;
  signedIn: boolean;
  sessionMs: number;
}

export function compilePageAccess(access: PageAccess): PageAccessRule {
  return {
    methods: pageAccessMethods(access),
    fingerprint: createHash('sha256').update(JSON.stringify(access)).digest('base64url').slice(0, 16),
    passwordHash: access.password_hash,
    oidc: access.oidc ? { emails: access.oidc_emails ?? [], groups: access.oidc_groups ?? [] } : undefined,
    ipAllow: access.ip_allow && access.ip_allow.length > 0 ? cidrList(access.ip_allow) : undefined,
    signedIn: access.signed_in,
    sessionMs: access.session,
  };
}

/** Whether the client address lies in the page's allow-list; false without one or for an unreadable address. */
export function ipAllowed(rule: PageAccessRule, ip: string | undefined): boolean {
  if (!rule.ipAllow || !ip) return false;
  const parsed = parseIpAddress(ip);
  return parsed !== undefined && rule.ipAllow.includes(parsed);
}
