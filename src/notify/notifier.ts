import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import type { EgressGuard } from '../egress/egress-policy.ts';
import type { FieldTexts } from './field-texts.ts';
import type { NotificationEvent } from './notification-event.ts';

export interface DeliveryContext {
  /** stable for one event and one channel across retries: send it as `Idempotency-Key` (and use it where the provider has its own) */
  idempotencyKey: string;
  /** aborts on the delivery timeout or shutdown */
  signal: AbortSignal;
  /** every outgoing HTTP request goes through this (it applies the egress policy) */
  dispatcher: Dispatcher;
  /** every other outgoing connection (SMTP …) passes this guard: open it with `connectGuarded` (src/egress/guarded-connect.ts) */
  egress: EgressGuard;
  now(): number;
}

/** What a send came to. A notifier never throws for a failing receiver: it says so here. */
export type DeliveryResult =
  | { ok: true; remoteStatus?: number }
  | {
      ok: false;
      /** false: the request itself is wrong (4xx other than 408/429): retrying will not help */
      retryable: boolean;
      /** the receiver asked to wait (Retry-After, 429) */
      retryAfterMs?: number;
      error: string;
      remoteStatus?: number;
      /** the start of the receiver's answer, for the dead-letter view (never the request, which may hold secrets) */
      remoteBody?: string;
    };

/**
 * One kind of channel, complete: its config fields (zod, strict; the common fields — id, type, events, components,
 * monitors, reminder — are added by the channel schema) and how to send one event. Secrets in the config are marked in
 * `secretFields` (dot paths) so that they are never logged nor returned by the API. Adding a provider is its folder and
 * one registry line; the registry test fails when a part is missing or wrong.
 */
export interface Notifier<Type extends string = string, Schema extends z.ZodObject = z.ZodObject> {
  type: Type;
  fields: Schema;
  secretFields: readonly string[];
  /**
   * Where the secret at `path` (a secret field, or under one: ["headers", "Authorization"]) is sent, as text to
   * compare: a secret an edit sends back as "[redacted]" is kept only while this stays the same (src/admin/kept-secrets.ts).
   */
  secretTarget(config: z.infer<Schema>, path: readonly string[]): string;
  /** Label, help and example of each field: the admin form is derived from `fields` and these (channel-form.ts). */
  fieldTexts: FieldTexts<Schema>;
  /** What the admin channel form starts with: valid placeholders for its own fields, to overwrite. */
  template: z.input<Schema>;
  send(event: NotificationEvent, config: z.infer<Schema>, ctx: DeliveryContext): Promise<DeliveryResult>;
}
