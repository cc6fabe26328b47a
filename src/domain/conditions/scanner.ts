/** A cursor over a condition's source text, for the hand-written parser. */
export class Scanner {
  pos = 0;

  constructor(readonly text: string) {}

  skipSpaces(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  /** Matches a sticky regex at the cursor and advances past it; null (and no move) when it does not match. */
  match(pattern: RegExp): RegExpExecArray | null {
    const sticky = new RegExp(pattern.source, pattern.flags.includes('y') ? pattern.flags : `${pattern.flags}y`);
    sticky.lastIndex = this.pos;
    const m = sticky.exec(this.text);
    if (m) this.pos += m[0].length;
    return m;
  }

  /** Consumes `literal` if the text continues with it. */
  eat(literal: string): boolean {
    if (!this.text.startsWith(literal, this.pos)) return false;
    this.pos += literal.length;
    return true;
  }

  peek(): string {
    return this.text[this.pos] ?? '';
  }

  rest(): string {
    return this.text.slice(this.pos);
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }
}

/** Shortens text quoted in an error message. */
export function excerpt(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
