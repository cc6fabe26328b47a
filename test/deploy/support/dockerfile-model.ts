/**
 * A Dockerfile read into stages and instructions, enough for tests to ask what the image is made of (bases,
 * copies, user, command) without a Docker engine. Follows the builder's rules for `\` line continuations,
 * comment lines (also inside a continued instruction), exec (JSON) form and `--flag=value` options.
 */

export interface Instruction {
  keyword: string;
  /** the text after the keyword, continuation lines joined */
  raw: string;
  /** 1-based line where the instruction starts */
  line: number;
  /** leading `--name=value` options (COPY --from, HEALTHCHECK --interval, …) */
  flags: Record<string, string>;
  /** the arguments after the flags: the JSON array in exec form, else shell-like words with quotes removed */
  args: string[];
  /** whether the arguments were written as a JSON array */
  execForm: boolean;
}

export interface Stage {
  image: string;
  name?: string;
  instructions: Instruction[];
}

export interface DockerfileModel {
  stages: Stage[];
  /** every instruction in file order, including ARGs before the first FROM */
  instructions: Instruction[];
}

export function parseDockerfile(text: string): DockerfileModel {
  const instructions = logicalLines(text).map(({ line, text: body }) => toInstruction(body, line));
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [image = '', as, name] = instruction.args;
      stages.push({ image, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else stages.at(-1)?.instructions.push(instruction);
  }
  return { stages, instructions };
}

/** The instructions of one kind in a stage. */
export function instructionsOf(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((i) => i.keyword === keyword);
}

/** `KEY=value` pairs of ENV, LABEL or ARG (the legacy `ENV KEY value` form too). */
export function keyValues(instruction: Instruction): Record<string, string> {
  const words = instruction.args;
  if (instruction.keyword === 'ENV' && words.length >= 2 && !words[0]!.includes('=')) {
    return { [words[0]!]: words.slice(1).join(' ') };
  }
  const pairs: Record<string, string> = {};
  for (const word of words) {
    const at = word.indexOf('=');
    if (at === -1) pairs[word] = '';
    else pairs[word.slice(0, at)] = word.slice(at + 1);
  }
  return pairs;
}

function logicalLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let current: { line: number; text: string } | undefined;
  text.split('\n').forEach((rawLine, index) => {
    const trimmed = rawLine.trim();
    // a comment or blank line ends nothing: inside a continued instruction the builder drops it
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const continued = trimmed.endsWith('\\');
    const part = continued ? trimmed.slice(0, -1) : trimmed;
    if (current) current.text += ` ${part}`;
    else current = { line: index + 1, text: part };
    if (!continued) {
      out.push(current);
      current = undefined;
    }
  });
  if (current) out.push(current);
  return out;
}

function toInstruction(body: string, line: number): Instruction {
  const match = /^(\S+)\s*(.*)$/s.exec(body)!;
  const keyword = match[1]!.toUpperCase();
  const raw = match[2]!.trim();
  const flags: Record<string, string> = {};
  let rest = raw;
  for (let flag = /^--([a-z-]+)(?:=(\S*))?\s*/.exec(rest); flag; flag = /^--([a-z-]+)(?:=(\S*))?\s*/.exec(rest)) {
    flags[flag[1]!] = flag[2] ?? 'true';
    rest = rest.slice(flag[0].length);
  }
  // HEALTHCHECK's own command comes after "CMD"
  if (keyword === 'HEALTHCHECK' && /^CMD\s/i.test(rest)) rest = rest.replace(/^CMD\s+/i, '');
  const json = rest.startsWith('[') ? parseJsonArray(rest) : undefined;
  return { keyword, raw, line, flags, args: json ?? shellWords(rest), execForm: json !== undefined };
}

function parseJsonArray(text: string): string[] | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Words split at unquoted whitespace; quotes removed, `\x` kept as x (as the builder reads ENV and LABEL). */
function shellWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: '"' | "'" | undefined;
  let started = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      started = true;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i];
      started = true;
    } else if (/\s/.test(c)) {
      if (started) words.push(word);
      word = '';
      started = false;
    } else {
      word += c;
      started = true;
    }
  }
  if (started) words.push(word);
  return words;
}
