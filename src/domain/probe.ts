/**
 * What a check observed: the raw facts that condition placeholders read.
 * A check type fills the fields that make sense for it and leaves the rest undefined.
 */
export interface Probe {
  /** Wall-clock time the check started (ms since epoch). */
  startedAt: number;
  /** Total duration in ms (RESPONSE_TIME). */
  responseTimeMs: number;
  /** false when the check could not reach the target at all (CONNECTED). */
  connected: boolean;
  /** Transport-level failure ("connect ECONNREFUSED 127.0.0.1:9", "timeout after 5000 ms"). */
  error?: string;
  /** HTTP status code (STATUS). */
  status?: number;
  /** Response body as text, truncated to a bounded size (BODY). */
  body?: string;
  /** Lower-cased response header names (HEADER.name). */
  headers?: Record<string, string>;
  /** Certificate notAfter, ms since epoch (CERTIFICATE_EXPIRATION = notAfter - startedAt). */
  certificateExpiresAt?: number;
  /** DNS response code name: NOERROR, NXDOMAIN, SERVFAIL, REFUSED … (DNS_RCODE). */
  dnsRcode?: string;
  /** Resolved / connected IP address, or first DNS answer (IP). */
  ip?: string;
  /** DNS answers as strings, in answer order. */
  dnsAnswers?: string[];
  /** Timing split in ms where the transport exposes it. */
  timings?: { dns?: number; connect?: number; tls?: number; firstByte?: number };
  /**
   * The check's failure decides at once, whatever failure_threshold says: a push monitor whose interval + grace
   * passed without a push is down then (the missing push is already the repeated evidence a threshold asks for).
   */
  decisive?: true;
  /** Small check-specific facts worth keeping (e.g. tls: { authorized, authorizationError, subject }). */
  details?: Record<string, unknown>;
}
