import { trustedHtml, type Html } from '../html/html.ts';

/**
 * Status icons are drawn by CSS (a mask on `.ic.k-<class>`) so that fifty components do not repeat the SVG.
 * They are decorative: the text next to them says the same.
 */
export function iconForClass(cls: string): Html {
  return trustedHtml(`<i class="ic k-${cls}" aria-hidden="true"></i>`);
}
