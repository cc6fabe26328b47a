import type { StatuspageIncident, StatuspageMaintenance } from '../statuspage/statuspage-schema.ts';
import { escapeXml } from './escape-xml.ts';

/**
 * The HTML a feed reader shows for an incident or maintenance: its updates, newest first, each with its time and
 * status, the body as escaped text with its line breaks (Markdown is not rendered here), then what it affected.
 */
export function timelineHtml(item: StatuspageIncident | StatuspageMaintenance): string {
  const parts = item.incident_updates.map(
    (u) =>
      `<p><small>${escapeXml(readableTime(u.display_at))}</small><br><strong>${escapeXml(statusLabel(u.status))}</strong> - ${textWithBreaks(u.body)}</p>`,
  );
  if (item.impact === 'maintenance') {
    parts.unshift(
      `<p><strong>Scheduled for</strong> ${escapeXml(readableTime(item.scheduled_for))} – ${escapeXml(readableTime(item.scheduled_until))}</p>`,
    );
  }
  if (item.components.length > 0) {
    const kind = item.impact === 'maintenance' ? 'This scheduled maintenance' : 'This incident';
    parts.push(`<p>${kind} affected: ${escapeXml(item.components.map((c) => c.name).join(', '))}.</p>`);
  }
  return parts.join('\n');
}

/** 2026-11-25T11:00:00.000Z → 2026-11-25 11:00 UTC */
function readableTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** in_progress → In progress */
function statusLabel(status: string): string {
  const words = status.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function textWithBreaks(body: string): string {
  return escapeXml(body).replace(/\r?\n/g, '<br>');
}
