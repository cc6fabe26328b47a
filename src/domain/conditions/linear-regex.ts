import { RE2JS, RE2JSException, RE2JSSyntaxException } from 're2js';
import { ConditionSyntaxError } from './condition.ts';
import { unsupportedRegexFeature } from './regex-features.ts';
import { excerpt } from './scanner.ts';

/** A compiled regular expression that answers in time linear in the text: `/…/flags` of a condition. */
export interface TextPattern {
  readonly source: string;
  readonly flags: string;
  test(text: string): boolean;
}

/** Longer patterns are refused before they are compiled (compiling is on the event loop too). */
export const REGEX_SOURCE_LIMIT = 1000;
/**
 * The compiled program's size bounds a match's cost per character of text (the engine may step through every
 * instruction for each character). 200 leaves room for any realistic check (a JSON fragment, a dozen alternatives)
 * while keeping the worst text of REGEX_INPUT_LIMIT under about a second; bench/conditions/regex.mjs measures it.
 */
export const REGEX_PROGRAM_LIMIT = 200;

const FLAG_BITS: Record<string, number> = { i: RE2JS.CASE_INSENSITIVE, m: RE2JS.MULTILINE, s: RE2JS.DOTALL, u: 0 };

/**
 * Compiles a JavaScript-syntax regex for RE2JS, a port of RE2: no backtracking, so no input makes it slow.
 * The pattern must be a valid JavaScript regex and one RE2 reads the same way; anything else is a ConditionSyntaxError
 * that says what to change.
 */
export function compileLinearRegex(source: string, flags: string): TextPattern {
  const shown = `/${excerpt(source)}/`;
  if (source.length > REGEX_SOURCE_LIMIT) {
    throw new ConditionSyntaxError(
      `regular expression ${shown} is too long (${source.length} characters, at most ${REGEX_SOURCE_LIMIT})`,
    );
  }
  try {
    new RegExp(source, flags);
  } catch (err) {
    throw new ConditionSyntaxError(`invalid regex ${shown}: ${(err as Error).message}`);
  }
  const refused = unsupportedRegexFeature(source);
  if (refused) throw new ConditionSyntaxError(refused);
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(
      RE2JS.translateRegExp(source),
      [...flags].reduce((bits, f) => bits | (FLAG_BITS[f] ?? 0), 0),
    );
  } catch (err) {
    if (!(err instanceof RE2JSException)) throw err;
    const why = err instanceof RE2JSSyntaxException ? err.getDescription() : err.message;
    throw new ConditionSyntaxError(`regular expression ${shown} is not supported: ${why}`);
  }
  const size = programSize(compiled);
  if (size > REGEX_PROGRAM_LIMIT) {
    throw new ConditionSyntaxError(
      `regular expression ${shown} is too complex (${size} steps, at most ${REGEX_PROGRAM_LIMIT}; a repeat like {50} counts its part 50 times)`,
    );
  }
  return Object.freeze({ source, flags, test: (text: string) => compiled.test(text) });
}

/** Instructions of the compiled program: RE2JS types its program `any`, so it is read with a check. */
function programSize(compiled: RE2JS): number {
  const prog = (compiled.re2() as { prog?: { numInst?: () => number } }).prog;
  const size = prog?.numInst?.();
  if (typeof size !== 'number') throw new Error('re2js no longer exposes its program size: review linear-regex.ts');
  return size;
}
