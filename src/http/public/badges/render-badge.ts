import { escapeXml } from '../feeds/escape-xml.ts';
import { BADGE_COLORS, wantsDarkText } from './badge-colors.ts';
import { verdanaWidth } from './verdana-widths.ts';

export interface BadgeSpec {
  label: string;
  value: string;
  /** the value side's colour; a CSS colour, already checked */
  color: string;
}

const PADDING = 5;
const HEIGHT = 20;

/**
 * A two-part badge in shields.io's "flat" style: grey label, coloured value, rounded corners, a light gradient and
 * a text shadow. Text is drawn at 10× and scaled down, as shields does, for crisp rendering; textLength pins the
 * measured width so that a fallback font cannot overflow the box.
 */
export function renderBadge({ label, value, color }: BadgeSpec): string {
  const labelText = verdanaWidth(label);
  const valueText = verdanaWidth(value);
  // an empty label leaves only the value, as shields does
  const labelWidth = label === '' ? 0 : labelText + 2 * PADDING;
  const valueWidth = valueText + 2 * PADDING;
  const width = labelWidth + valueWidth;
  const title = escapeXml(label === '' ? value : `${label}: ${value}`);
  const text = (content: string, centre: number, textWidth: number, dark: boolean) => {
    const x = Math.round(centre * 10);
    const [fill, shadow] = dark ? ['#333', '#ccc'] : ['#fff', '#010101'];
    return (
      `<text aria-hidden="true" x="${x}" y="150" fill="${shadow}" fill-opacity=".3" transform="scale(.1)" textLength="${textWidth * 10}">${escapeXml(content)}</text>` +
      `<text x="${x}" y="140" transform="scale(.1)" fill="${fill}" textLength="${textWidth * 10}">${escapeXml(content)}</text>`
    );
  };
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${HEIGHT}" role="img" aria-label="${title}">` +
    `<title>${title}</title>` +
    `<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>` +
    `<clipPath id="r"><rect width="${width}" height="${HEIGHT}" rx="3" fill="#fff"/></clipPath>` +
    `<g clip-path="url(#r)">` +
    `<rect width="${labelWidth}" height="${HEIGHT}" fill="${BADGE_COLORS.label}"/>` +
    `<rect x="${labelWidth}" width="${valueWidth}" height="${HEIGHT}" fill="${escapeXml(color)}"/>` +
    `<rect width="${width}" height="${HEIGHT}" fill="url(#s)"/>` +
    `</g>` +
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" text-rendering="geometricPrecision" font-size="110">` +
    (label === '' ? '' : text(label, PADDING + labelText / 2 + 1, labelText, false)) +
    text(value, labelWidth + PADDING + valueText / 2 - 1, valueText, wantsDarkText(color)) +
    `</g></svg>`
  );
}
