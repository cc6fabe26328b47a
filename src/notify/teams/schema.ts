import { z } from 'zod';
import { endpointUrlSchema } from '../http/endpoint-url-schema.ts';

/** A Microsoft Teams "Post to a channel when a webhook request is received" workflow (Power Automate). */
export const teamsFieldsSchema = z
  .object({
    /** the workflow's HTTP POST URL (it carries a signature: the URL is the credential) */
    url: endpointUrlSchema(),
  })
  .strict();
export type TeamsFields = z.infer<typeof teamsFieldsSchema>;
