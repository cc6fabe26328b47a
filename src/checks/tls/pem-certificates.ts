import { X509Certificate } from 'node:crypto';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** True when the text holds at least one PEM certificate and every one parses (Node ignores bad CA text silently). */
export function isPemCertificateList(text: string): boolean {
  const blocks = text.match(PEM_BLOCK);
  if (!blocks) return false;
  try {
    for (const block of blocks) new X509Certificate(block);
    return true;
  } catch {
    return false;
  }
}
