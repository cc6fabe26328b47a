/** One problem in a config file, located by key path and line. */
export interface ConfigIssue {
  /** dotted key path, e.g. monitors[2].interval */
  path: string;
  /** 1-based line in the file, when known */
  line?: number;
  column?: number;
  message: string;
}

export class ConfigError extends Error {
  readonly issues: ConfigIssue[];
  readonly file: string;

  constructor(file: string, issues: ConfigIssue[]) {
    super(
      `${file}: ${issues.length} problem${issues.length === 1 ? '' : 's'}\n${issues.map((i) => `  ${formatIssue(file, i)}`).join('\n')}`,
    );
    this.name = 'ConfigError';
    this.file = file;
    this.issues = issues;
  }
}

export function formatIssue(file: string, issue: ConfigIssue): string {
  const where = issue.line ? `${file}:${issue.line}${issue.column ? `:${issue.column}` : ''}` : file;
  return `${where} ${issue.path || '(root)'}: ${issue.message}`;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}
