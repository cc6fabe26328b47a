import { describeEvent, type Severity } from '../message/describe-event.ts';
import { truncateText } from '../message/truncate-text.ts';
import { sendHttp } from '../http/send-http.ts';
import type { NotificationEvent } from '../notification-event.ts';
import type { Notifier } from '../notifier.ts';
import { teamsFieldsSchema, type TeamsFields, teamsFieldTexts } from './schema.ts';

/** Adaptive Card TextBlock colours (the host theme decides the shade). */
const COLORS: Record<Severity, 'attention' | 'warning' | 'accent' | 'good'> = {
  critical: 'attention',
  warning: 'warning',
  info: 'accent',
  ok: 'good',
};

// a Teams message must stay under 28 KB; these bounds keep any event well below it
const TITLE_MAX = 200;
const SUMMARY_MAX = 6000;
const FACT_MAX = 1000;

/** The workflow trigger's body: a message with one Adaptive Card (1.4, what Teams renders everywhere). */
export function renderTeamsPayload(event: NotificationEvent, _config?: TeamsFields): Record<string, unknown> {
  const d = describeEvent(event);
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          msteams: { width: 'Full' },
          body: [
            {
              type: 'TextBlock',
              text: truncateText(d.title, TITLE_MAX),
              weight: 'Bolder',
              size: 'Medium',
              color: COLORS[d.severity],
              wrap: true,
            },
            // a single newline is not a line break in a TextBlock's Markdown
            { type: 'TextBlock', text: truncateText(d.summary, SUMMARY_MAX).replace(/\n/g, '\n\n'), wrap: true },
            {
              type: 'FactSet',
              facts: d.facts.map(([title, value]) => ({ title, value: truncateText(value, FACT_MAX) })),
            },
          ],
          actions: [{ type: 'Action.OpenUrl', title: 'Open', url: d.url }],
        },
      },
    ],
  };
}

export const teamsNotifier: Notifier<'teams', typeof teamsFieldsSchema> = {
  type: 'teams',
  fields: teamsFieldsSchema,
  fieldTexts: teamsFieldTexts,
  secretFields: ['url'],
  // the URL is the credential: it is kept only as it is
  secretTarget: (config) => config.url,
  template: { url: 'https://prod-00.westeurope.logic.azure.com/workflows/…' },
  send: (event, config, ctx) => sendHttp(ctx, config.url, { body: JSON.stringify(renderTeamsPayload(event, config)) }),
};
