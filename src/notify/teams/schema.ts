import { z } from 'zod';
import { endpointUrlSchema } from '../http/endpoint-url-schema.ts';
import type { FieldTexts } from '../field-texts.ts';

/** A Microsoft Teams "Post to a channel when a webhook request is received" workflow (Power Automate). */
export const teamsFieldsSchema = z
  .object({
    /** the workflow's HTTP POST URL (it carries a signature: the URL is the credential) */
    url: endpointUrlSchema(),
  })
  .strict();
export type TeamsFields = z.infer<typeof teamsFieldsSchema>;

/** The admin form's texts for each field (see channel-form.ts). */
export const teamsFieldTexts: FieldTexts<typeof teamsFieldsSchema> = {
  url: {
    label: 'Workflow URL',
    help: 'The HTTP POST URL of a “Post to a channel when a webhook request is received” workflow. The URL is the credential.',
    placeholder: 'https://prod-00.westeurope.logic.azure.com/workflows/…',
  },
};
