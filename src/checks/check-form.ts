/**
 * A check type's admin form fields, as data: the admin page renders them and its script reads and fills them
 * generically, so a new check type brings its own form without touching the admin UI.
 */
export interface CheckFormField {
  /** The config key it edits; the API's issue paths (body.<path>) point at the control. */
  path: string;
  /** The control's name when the path would clash with another type's control (tls `host` vs tcp `host`); default: path. */
  name?: string;
  label: string;
  input: CheckFormInput;
  hint?: string;
  /** select: the choices */
  options?: readonly string[];
  /** the starting value (text) or state (checkbox) */
  initial?: string | boolean;
  min?: number;
  max?: number;
  /** textarea and header lines: visible rows */
  rows?: number;
  /** sent even when empty, so the API names the missing field; an empty optional field is left out (its default applies) */
  required?: boolean;
  /** secret: offer a button that fills in a random value */
  generate?: string;
}

/**
 * How a value is edited: `header-lines` is an object edited as one "Name: value" per line; `duration` is shown as
 * 30s / 5m; `secret` is never shown back (the API returns it redacted), so saving asks for it again.
 */
export type CheckFormInput =
  'text' | 'url' | 'number' | 'select' | 'checkbox' | 'textarea' | 'header-lines' | 'duration' | 'secret';

/** The control name of a field. */
export const formControlName = (field: CheckFormField): string => field.name ?? field.path;
