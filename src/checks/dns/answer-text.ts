import type { Answer } from 'dns-packet';

/**
 * An answer record as the text conditions and people read: the address for A/AAAA, the name for
 * CNAME/NS/PTR, "priority exchange" for MX, the joined strings for TXT. Undefined for other types.
 */
export function answerText(answer: Answer): string | undefined {
  switch (answer.type) {
    case 'A':
    case 'AAAA':
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return answer.data;
    case 'MX':
      return `${answer.data.preference ?? 0} ${answer.data.exchange}`;
    case 'TXT': {
      const parts = Array.isArray(answer.data) ? answer.data : [answer.data];
      return parts.map((part) => (typeof part === 'string' ? part : part.toString('utf8'))).join('');
    }
    default:
      return undefined;
  }
}
