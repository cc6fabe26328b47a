import type { PeerCertificate } from 'node:tls';

/** What the tls check keeps of a peer certificate in its probe details. */
export interface CertificateSummary {
  subject?: string;
  issuer?: string;
  validFrom?: string;
  validTo?: string;
  fingerprint256?: string;
  altNames?: string;
}

/** Empty when the server sent no certificate (getPeerCertificate() then returns {}). */
export function summarizeCertificate(cert: PeerCertificate): CertificateSummary {
  if (!cert.valid_to) return {};
  return {
    subject: distinguishedName(cert.subject),
    issuer: distinguishedName(cert.issuer),
    validFrom: isoDate(cert.valid_from),
    validTo: isoDate(cert.valid_to),
    fingerprint256: cert.fingerprint256,
    altNames: cert.subjectaltname,
  };
}

/** notAfter as ms since epoch. */
export function certificateExpiry(cert: PeerCertificate): number | undefined {
  const ms = cert.valid_to ? Date.parse(cert.valid_to) : NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

/** { C: 'US', CN: 'example.com' } as "C=US, CN=example.com". */
function distinguishedName(name: PeerCertificate['subject'] | undefined): string | undefined {
  if (!name) return undefined;
  return Object.entries(name)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`)
    .join(', ');
}

function isoDate(text: string): string | undefined {
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}
