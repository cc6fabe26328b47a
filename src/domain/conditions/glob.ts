import { codePointLength, findPiece, WILDCARD_PIECE_LIMIT } from './glob-piece-search.ts';

/**
 * Whole-text glob match: `*` is any run of characters, `?` exactly one, everything else literal.
 * The pattern splits at `*` into pieces: the first must start the text, the last must end it, and each one between
 * is taken at its leftmost place after the one before (a later place never helps). Finding a piece is linear in the
 * text (see glob-piece-search.ts), so a hostile pattern or a large body cannot stall the event loop.
 */
export function globMatch(pattern: string, text: string): boolean {
  const pieces = pattern.split('*');
  const first = pieces[0] ?? '';
  if (pieces.length === 1) return matchPrefix(first, text) === text.length;
  let pos = matchPrefix(first, text);
  const end = startOfSuffix(pieces[pieces.length - 1] ?? '', text);
  if (pos < 0 || end < pos) return false;
  for (const piece of pieces.slice(1, -1)) {
    if (piece === '') continue;
    pos = findPiece(piece, text, pos, end);
    if (pos < 0) return false;
  }
  return true;
}

/** Why a glob cannot be matched in linear time (checked when the condition is parsed), or undefined. */
export function globProblem(pattern: string): string | undefined {
  const long = pattern
    .split('*')
    .slice(1, -1)
    .find((piece) => piece.includes('?') && Array.from(piece).length > WILDCARD_PIECE_LIMIT);
  if (long === undefined) return undefined;
  return `pat() allows at most ${WILDCARD_PIECE_LIMIT} characters between two * when they include ?, got ${Array.from(long).length} in '*${long.slice(0, 40)}*'`;
}

/** Where `piece` ends when it matches at the start of `text`, or -1. */
function matchPrefix(piece: string, text: string): number {
  let i = 0;
  for (const c of piece) {
    if (c === '?') {
      if (i >= text.length) return -1;
      i += codePointLength(text, i);
    } else {
      if (!text.startsWith(c, i)) return -1;
      i += c.length;
    }
  }
  return i;
}

/** Where `piece` starts when it matches at the end of `text`, or -1. */
function startOfSuffix(piece: string, text: string): number {
  const chars = Array.from(piece);
  let i = text.length;
  for (let j = chars.length - 1; j >= 0; j--) {
    const c = chars[j] ?? '';
    if (c === '?') {
      if (i <= 0) return -1;
      i -= i >= 2 && isLowSurrogate(text.charCodeAt(i - 1)) && isHighSurrogate(text.charCodeAt(i - 2)) ? 2 : 1;
    } else {
      if (i < c.length || !text.startsWith(c, i - c.length)) return -1;
      i -= c.length;
    }
  }
  return i;
}

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;
