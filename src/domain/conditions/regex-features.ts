/**
 * Finds the parts of a JavaScript regex that a linear-time engine cannot run (backreferences, lookaround) or would
 * read differently (`\z`, `\A`, `\Q` … are plain letters to JavaScript but anchors and quoting to RE2).
 * Returns the message for the first one, or undefined when there is none.
 */
export function unsupportedRegexFeature(source: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      const refused = refusedEscape(next, source[i + 2] ?? '', inClass);
      if (refused) return refused;
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
    } else if (c === '(' && source[i + 1] === '?') {
      const look = LOOKAROUND.find(([prefix]) => source.startsWith(prefix, i));
      if (look) return unsupported(`a ${look[1]} ${look[0]}…)`);
    }
  }
  return undefined;
}

const LOOKAROUND = [
  ['(?<=', 'lookbehind'],
  ['(?<!', 'negative lookbehind'],
  ['(?=', 'lookahead'],
  ['(?!', 'negative lookahead'],
] as const;

/** Letters that escape to the same thing in JavaScript and RE2 (p and P are Unicode classes in both, with the u flag). */
const SHARED_LETTER_ESCAPES = new Set('bBdDfnrsStvwWcxupPk');

function refusedEscape(next: string, after: string, inClass: boolean): string | undefined {
  if (!inClass && /[1-9]/.test(next)) return unsupported(`a backreference (\\${next})`);
  if (next === 'k' && after === '<') return unsupported('a named backreference (\\k<…>)');
  if (/[A-Za-z]/.test(next) && !SHARED_LETTER_ESCAPES.has(next)) {
    return `regular expression has the escape \\${next}, which is the letter ${next} in JavaScript but not in Pharos' engine: write ${next} without the backslash`;
  }
  return undefined;
}

function unsupported(what: string): string {
  return `regular expression uses ${what}, which Pharos does not support (patterns run in linear time)`;
}
