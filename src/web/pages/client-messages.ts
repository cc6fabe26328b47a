import type { Translator } from '../../i18n/translator.ts';
import { DAY_CLASS } from './status-labels.ts';

/**
 * The words pharos.js needs (day tooltips and labels), in the page's language, as JSON in the page (the components
 * section's data-i18n, so that a live update brings them along): the script
 * fetches no catalog. Templates keep `{p}`, `{v}`, `{id}` for the script to fill; plurals are formatted here for
 * each count the page's bars hold, so the script never chooses a plural form.
 */
export function clientMessages(counts: readonly number[], t: Translator): Record<string, unknown> {
  const states: Record<string, string> = {};
  for (const [state, cls] of Object.entries(DAY_CLASS))
    states[state === 'operational' ? '' : cls] =
      state === 'no_data' ? t.t('bar.noData') : t.t(`status.${state as Exclude<keyof typeof DAY_CLASS, 'no_data'>}`);
  const incidents: Record<number, string> = {};
  for (const n of counts) incidents[n] = t.t('bar.incidents', { count: n });
  return {
    states,
    noData: t.t('bar.noData'),
    uptime: t.t('uptime.value', { percent: '{p}' }),
    percent: t.t('uptime.percent', { value: '{v}' }),
    incident: t.t('bar.incident', { id: '{id}' }),
    incidents,
  };
}
