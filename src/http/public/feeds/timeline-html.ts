import { isMessageKey } from '../../../i18n/catalogs.ts';
import type { Translator } from '../../../i18n/translator.ts';
import type { StatuspageIncident, StatuspageMaintenance } from '../statuspage/statuspage-schema.ts';
import { escapeXml } from './escape-xml.ts';

/**
 * The HTML a feed reader shows for an incident or maintenance: its updates, newest first, each with its time and
 * status, the body as escaped text with its line breaks (Markdown is not rendered here), then what it affected.
 */
export function timelineHtml(item: StatuspageIncident | StatuspageMaintenance, t: Translator): string {
  const time = (iso: string) => escapeXml(readableTime(iso, t));
  const parts = item.incident_updates.map(
    (u) =>
      `<p><small>${time(u.display_at)}</small><br><strong>${escapeXml(statusLabel(u.status, t))}</strong> - ${textWithBreaks(u.body)}</p>`,
  );
  if (item.impact === 'maintenance') {
    parts.unshift(
      `<p><strong>${escapeXml(t.t('feed.scheduledFor'))}</strong> ${time(item.scheduled_for)} – ${time(item.scheduled_until)}</p>`,
    );
  }
  if (item.components.length > 0) {
    const components = t.formats.list(item.components.map((c) => c.name));
    const key = item.impact === 'maintenance' ? 'feed.maintenanceAffected' : 'feed.incidentAffected';
    parts.push(`<p>${escapeXml(t.t(key, { components }))}</p>`);
  }
  return parts.join('\n');
}

/** 2026-11-25T11:00:00.000Z → 2026-11-25 11:00 UTC in English; the page's language's own date otherwise */
function readableTime(iso: string, t: Translator): string {
  if (t.locale === 'en') return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
  return t.formats.time(Date.parse(iso));
}

/** in_progress → In progress, in the page's language */
function statusLabel(status: string, t: Translator): string {
  for (const key of [`incidentStatus.${status}`, `maintenanceStatus.${status}`]) if (isMessageKey(key)) return t.t(key);
  const words = status.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function textWithBreaks(body: string): string {
  return escapeXml(body).replace(/\r?\n/g, '<br>');
}
