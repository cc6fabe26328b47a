import tls from 'node:tls';

/** One secure context per distinct extra CA: building one parses every root certificate, so reuse it. */
const contexts = new Map<string, tls.SecureContext>();

/** Node's default roots plus the given PEM certificate(s); `ca` alone would replace the defaults. */
export function trustStoreWith(extraCaPem: string): tls.SecureContext {
  let context = contexts.get(extraCaPem);
  if (!context) {
    context = tls.createSecureContext({ ca: [...tls.rootCertificates, extraCaPem] });
    contexts.set(extraCaPem, context);
  }
  return context;
}
