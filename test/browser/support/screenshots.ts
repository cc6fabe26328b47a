import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** test-artifacts/screenshots/ at the repository root (gitignored), created on first use. */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../../test-artifacts/screenshots/', import.meta.url));

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return `${SCREENSHOT_DIR}${name}.png`;
}
