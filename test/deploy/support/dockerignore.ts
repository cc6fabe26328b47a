/**
 * Which files of the build context a .dockerignore keeps out, by the builder's rules: patterns are Go
 * filepath.Match globs on slash paths relative to the context (`*` and `?` stop at `/`, `**` spans folders), a
 * pattern that matches a folder excludes everything under it, `!` re-includes, and the last matching line wins.
 */

interface Rule {
  negate: boolean;
  pattern: RegExp;
}

export interface DockerIgnore {
  /** whether `path` (relative to the context, `/`-separated) stays out of the context */
  excludes(path: string): boolean;
}

export function parseDockerIgnore(text: string): DockerIgnore {
  const rules: Rule[] = [];
  for (const rawLine of text.split('\n')) {
    let line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1).trim();
    const cleaned = cleanPath(line);
    if (cleaned !== '') rules.push({ negate, pattern: globToRegExp(cleaned) });
  }
  return {
    excludes(path: string): boolean {
      const candidates = selfAndParents(cleanPath(path));
      let excluded = false;
      for (const rule of rules) {
        if (candidates.some((candidate) => rule.pattern.test(candidate))) excluded = !rule.negate;
      }
      return excluded;
    },
  };
}

/** like Go's filepath.Clean for relative slash paths, without the leading `/` the builder strips */
function cleanPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

function selfAndParents(path: string): string[] {
  const parts = path.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` is zero or more folders; a trailing or inner `**` is anything
      if (glob[i + 2] === '/') {
        source += '(?:.*/)?';
        i += 2;
      } else {
        source += '.*';
        i += 1;
      }
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end === -1) source += '\\[';
      else {
        source += `[${glob.slice(i + 1, end)}]`;
        i = end;
      }
    } else if (c === '\\' && i + 1 < glob.length) source += `\\${glob[++i]}`;
    else source += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
