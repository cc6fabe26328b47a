/** An import that cannot go on (unreadable input, a source that answers an error): said to the operator, exit 1. */
export class ImportError extends Error {
  override readonly name = 'ImportError';
}
