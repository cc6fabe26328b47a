import type { z } from 'zod';
import type { ServiceContext } from '../../admin/service-context.ts';
import type { Permission } from '../../domain/access.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route: a permission (src/domain/access.ts), any signed-in actor, or anyone (sign-in, setup,
 * documentation). The authorization matrix test walks every route with every role and checks this.
 */
export type RouteAccess = Permission | 'signed_in' | 'anyone';

/** What a handler may do to the HTTP exchange besides returning a body: the session cookie, headers. */
export interface RouteHttp {
  ip: string | null;
  userAgent: string | null;
  /** the hash of the session cookie's secret, when the request came with a valid session */
  sessionIdHash: string | null;
  /** the request came with a session cookie (not a token), so it may set or clear it */
  setSessionCookie(secret: string, maxAgeMs: number): void;
  clearSessionCookie(): void;
  header(name: string, value: string): void;
  /** a non-JSON answer (CSV, HTML) */
  raw(contentType: string, body: string): void;
  status(code: number): void;
}

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
}

/**
 * One admin API operation: its path, who may call it, zod schemas for everything it reads and answers (the OpenAPI
 * document is generated from them), and one service call. Handlers parse nothing themselves and hold no SQL.
 */
export interface AdminRoute<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  /** fastify path, e.g. /api/v1/monitors/:id */
  path: string;
  access: RouteAccess;
  /** the OpenAPI tag: Monitors, Incidents … */
  tag: string;
  summary: string;
  description?: string;
  params?: P;
  query?: Q;
  body?: B;
  /** reshapes the raw body before `body` parses it (e.g. takes out the `_ms` companions of durations) */
  prepareBody?: (raw: unknown) => unknown;
  /** the answer's schema (JSON); omitted for 204 or raw answers */
  response?: z.ZodType;
  successStatus?: 200 | 201 | 202 | 204;
  /** cookie-authenticated writes need X-CSRF-Token, except the few that start a session */
  csrfExempt?: boolean;
  /** a session still waiting for its second factor counts as signed in here (the TOTP step); everywhere else it does not */
  acceptsPendingSecondFactor?: boolean;
  handle(ctx: ServiceContext, input: RouteInput<z.infer<P>, z.infer<Q>, z.infer<B>>, http: RouteHttp): Promise<unknown>;
}

/** Keeps each route's input types while collecting routes of different shapes in one table. */
export function route<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  r: AdminRoute<P, Q, B>,
): AdminRoute {
  return r as unknown as AdminRoute;
}
