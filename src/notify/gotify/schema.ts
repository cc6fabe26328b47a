import { z } from 'zod';
import { isLoopbackHttpUrl } from '../../config/oidc-schema.ts';
import type { FieldTexts } from '../field-texts.ts';

const httpsOrLoopback = (s: string) =>
  !URL.canParse(s) || new URL(s).protocol === 'https:' || isLoopbackHttpUrl(new URL(s));
const priority = z.number().int().min(0).max(10);

/** A Gotify application: messages go to its clients (Android app, web UI). */
export const gotifyFields = z
  .object({
    /** the Gotify server, a path prefix allowed (https://push.example.com/gotify); https, or http only on 127.0.0.1 / localhost */
    server: z.url().refine(httpsOrLoopback, { message: 'https, or http only on 127.0.0.1 or localhost' }),
    /** the application's token (secret) */
    app_token: z.string().regex(/^[A-Za-z0-9._-]{8,128}$/, "a Gotify application's token"),
    /**
     * Gotify priority (0–10) per severity. The Android app: 0 no notification, 1–3 silent, 4–7 with sound,
     * 8 and up also pops up.
     */
    priorities: z
      .object({
        critical: priority.default(8),
        warning: priority.default(5),
        info: priority.default(2),
        ok: priority.default(5),
      })
      .strict()
      .prefault({}),
  })
  .strict();
export type GotifyFields = z.infer<typeof gotifyFields>;

/** The admin form's texts for each field (see channel-form.ts). */
export const gotifyFieldTexts: FieldTexts<typeof gotifyFields> = {
  server: {
    label: 'Server',
    help: 'Your Gotify server; https, or http only on 127.0.0.1.',
    placeholder: 'https://push.example.com',
  },
  app_token: { label: 'Application token', help: 'Apps → create an application → its token.' },
  priorities: {
    label: 'Priority per severity',
    help: 'Gotify priority 0–10. Android: 0 silent, 1–3 quiet, 4–7 with sound, 8 and up pops up.',
    fields: {
      critical: { label: 'Critical (down)' },
      warning: { label: 'Warning (degraded)' },
      info: { label: 'Information' },
      ok: { label: 'Recovered' },
    },
  },
};
