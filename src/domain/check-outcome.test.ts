import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkOutcomeOf, type CheckOutcome } from './check-outcome.ts';

const rows: [error: string | null, outcome: CheckOutcome][] = [
  ['connect ECONNREFUSED 127.0.0.1:9301', 'not_responding'],
  ['timeout after 5000 ms', 'not_responding'],
  ['getaddrinfo ENOTFOUND checkout.internal', 'not_responding'],
  ['read ECONNRESET', 'not_responding'],
  ['socket hang up', 'not_responding'],
  ['timeout after 2000 ms waiting for a reply', 'not_responding'],
  [
    'refused by the egress policy: 169.254.169.254 is a cloud metadata address (egress.deny_metadata)',
    'not_responding',
  ],
  ['"[CONNECTED] == true" failed (actual false)', 'not_responding'],
  ['"[STATUS] == 200" failed (actual 500)', 'errors'],
  ['"[STATUS] < 400" failed (actual 503)', 'errors'],
  ['"[RESPONSE_TIME] < 800" failed (actual 1204)', 'slow'],
  ['"[BODY].status == ok" failed (actual degraded)', 'unexpected_response'],
  ['"len([BODY]) > 10" failed (actual 2)', 'unexpected_response'],
  ['"[HEADER].content-type == pat(application/json*)" failed (actual text/html)', 'unexpected_response'],
  ['"[DNS_RCODE] == NOERROR" failed (actual NXDOMAIN)', 'unexpected_response'],
  ['"[IP] == 93.184.216.34" failed (actual 10.0.0.1)', 'unexpected_response'],
  ['"[CERTIFICATE_EXPIRATION] > 7d" failed (actual 2d)', 'certificate'],
  ['certificate has expired', 'certificate'],
  ['self-signed certificate in certificate chain', 'certificate'],
  ["Hostname/IP does not match certificate's altnames", 'certificate'],
  ['no push received yet', 'missed_heartbeat'],
  ['no push received for 6m 2s', 'missed_heartbeat'],
  ['disk full', 'failing'],
  [null, 'failing'],
  ['', 'failing'],
];

for (const [error, outcome] of rows) {
  test(`checkOutcomeOf(${JSON.stringify(error)}) is ${outcome}`, () => assert.equal(checkOutcomeOf(error), outcome));
}
