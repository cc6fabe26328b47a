import { TOKEN_SCOPES, type TokenScope } from '../../domain/access.ts';

/**
 * A token's scopes in one text column: the scopes in TOKEN_SCOPES order, without duplicates, separated by a
 * space. One canonical spelling per set lets a CHECK constraint list every valid value.
 */
export function encodeTokenScopes(scopes: readonly TokenScope[]): string {
  return TOKEN_SCOPES.filter((s) => scopes.includes(s)).join(' ');
}

export function decodeTokenScopes(column: string): TokenScope[] {
  return column === '' ? [] : (column.split(' ') as TokenScope[]);
}

/** Every value the column may hold (each subset of TOKEN_SCOPES, the empty one included), for its CHECK. */
export function everyTokenScopesValue(): string[] {
  const subsets: TokenScope[][] = [[]];
  for (const scope of TOKEN_SCOPES) subsets.push(...subsets.map((s) => [...s, scope]));
  return subsets.map(encodeTokenScopes);
}
