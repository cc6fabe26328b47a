/**
 * What went wrong with a check, in the few kinds a visitor can understand. The raw error ("connect ECONNREFUSED
 * 127.0.0.1:9301", `"[STATUS] == 200" failed (actual 500)`) stays with the operator; visitors read the kind.
 */
export const CHECK_OUTCOMES = [
  'not_responding',
  'errors',
  'slow',
  'unexpected_response',
  'certificate',
  'missed_heartbeat',
  'failing',
] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

/** First match wins; each pattern reads an error the checks and conditions write (src/checks, judge-probe.ts). */
const PATTERNS: readonly [RegExp, CheckOutcome][] = [
  [/^no push received/i, 'missed_heartbeat'],
  [/^"\[STATUS\]/, 'errors'],
  [/^"\[RESPONSE_TIME\]/, 'slow'],
  [/^"\[CERTIFICATE_EXPIRATION\]/, 'certificate'],
  [/^"\[CONNECTED\]/, 'not_responding'],
  [/^"(len\(|has\()?\[(BODY|HEADER|DNS_RCODE|IP)\]/, 'unexpected_response'],
  [/certificate|\bCERT_|self[- ]signed|unable to verify|hostname\/IP does not match|\bSSL\b|\bTLS\b/i, 'certificate'],
  [
    /timeout|timed out|ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EPIPE|socket hang up|other side closed|refused by the egress policy|waiting for a reply|not reachable|unreachable/i,
    'not_responding',
  ],
];

/** The outcome a check's stored error stands for; 'failing' when it says nothing more specific (or is absent). */
export function checkOutcomeOf(error: string | null | undefined): CheckOutcome {
  if (!error) return 'failing';
  for (const [pattern, outcome] of PATTERNS) if (pattern.test(error)) return outcome;
  return 'failing';
}
