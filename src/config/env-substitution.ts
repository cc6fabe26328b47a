/** `${NAME}` and `${NAME:-default}` in config strings; `$${…}` stays literal. */

const PATTERN = /\$(\$?)\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export interface SubstitutionResult {
  value: string;
  /** variables referenced without a default and not set */
  missing: string[];
}

export function substituteEnv(text: string, env: NodeJS.ProcessEnv): SubstitutionResult {
  const missing: string[] = [];
  const value = text.replace(PATTERN, (whole, escape: string, name: string, fallback: string | undefined) => {
    if (escape) return whole.slice(1);
    const v = env[name];
    if (v !== undefined && v !== '') return v;
    if (fallback !== undefined) return fallback;
    missing.push(name);
    return '';
  });
  return { value, missing };
}
