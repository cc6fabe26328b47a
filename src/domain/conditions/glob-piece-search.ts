import { findLiteral } from '../find-literal.ts';

/**
 * Finds the leftmost place at or after `from` where a piece of a glob (the text between two `*`) matches and ends by
 * `limit`; returns where it ends, or -1. Linear in the text whatever the piece: findLiteral for a literal piece,
 * bit-parallel Shift-And for a piece with `?`.
 */
export function findPiece(piece: string, text: string, from: number, limit: number): number {
  if (piece.includes('?')) return shiftAnd(Array.from(piece), text, from, limit);
  const at = findLiteral(piece, text, from, limit);
  return at < 0 ? -1 : at + piece.length;
}

/** A piece with `?` is searched in one 32-bit word: longer ones are refused when the condition is parsed. */
export const WILDCARD_PIECE_LIMIT = 32;

/** Bit j of the state is set while the last j+1 characters read match the piece's first j+1. */
function shiftAnd(chars: string[], text: string, from: number, limit: number): number {
  if (chars.length > WILDCARD_PIECE_LIMIT)
    throw new RangeError(`a glob piece with ? has at most ${WILDCARD_PIECE_LIMIT} characters`);
  let anyChar = 0;
  chars.forEach((c, j) => {
    if (c === '?') anyChar |= 1 << j;
  });
  const ascii = new Int32Array(128).fill(anyChar);
  const other = new Map<number, number>();
  chars.forEach((c, j) => {
    if (c === '?') return;
    const code = c.codePointAt(0) ?? 0;
    if (code < 128) ascii[code]! |= 1 << j;
    else other.set(code, (other.get(code) ?? anyChar) | (1 << j));
  });
  const found = 1 << (chars.length - 1);
  let state = 0;
  for (let i = from; i < limit;) {
    const code = text.charCodeAt(i);
    let mask: number;
    if (code < 128) {
      mask = ascii[code]!;
      i++;
    } else {
      const point = text.codePointAt(i) ?? code;
      mask = other.get(point) ?? anyChar;
      i += point > 0xffff ? 2 : 1;
    }
    state = ((state << 1) | 1) & mask;
    if ((state & found) !== 0 && i <= limit) return i;
  }
  return -1;
}

/** 2 where a surrogate pair starts at i, else 1: `?` takes one character, as people count them. */
export function codePointLength(text: string, i: number): number {
  return (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
}
