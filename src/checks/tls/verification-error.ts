import tls from 'node:tls';

/** OpenSSL's wording for the verification codes Node leaves in `authorizationError`. */
const VERIFY_MESSAGES: Record<string, string> = {
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in certificate chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unable to verify the first certificate',
  UNABLE_TO_GET_ISSUER_CERT: 'unable to get issuer certificate',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unable to get local issuer certificate',
  CERT_SIGNATURE_FAILURE: 'certificate signature failure',
  CERT_REVOKED: 'certificate revoked',
  CERT_UNTRUSTED: 'certificate not trusted',
  CERT_REJECTED: 'certificate rejected',
  CERT_CHAIN_TOO_LONG: 'certificate chain too long',
  INVALID_CA: 'invalid CA certificate',
  INVALID_PURPOSE: 'unsupported certificate purpose',
  PATH_LENGTH_EXCEEDED: 'path length constraint exceeded',
  ERROR_IN_CERT_NOT_BEFORE_FIELD: "format error in certificate's notBefore field",
  ERROR_IN_CERT_NOT_AFTER_FIELD: "format error in certificate's notAfter field",
};

/**
 * Why a handshake that completed without verification would have been refused, as Node words it when
 * it refuses: the chain error, else the hostname mismatch. Undefined when the certificate is fine.
 */
export function verificationError(socket: tls.TLSSocket, expectedName: string): string | undefined {
  if (socket.authorized) return undefined;
  const code = String(socket.authorizationError ?? 'certificate not verified');
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const mismatch = tls.checkServerIdentity(expectedName, socket.getPeerCertificate());
    return mismatch?.message ?? code;
  }
  return VERIFY_MESSAGES[code] ?? code;
}
