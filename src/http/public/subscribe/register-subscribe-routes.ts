import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  checkUnsubscribeLink,
  confirmSubscription,
  unsubscribe,
} from '../../../notify/subscribers/manage-subscription.ts';
import { subscribe } from '../../../notify/subscribers/subscribe.ts';
import { formToSubscribeRequest } from '../../../notify/subscribers/subscribe-input.ts';
import { SubscriberError } from '../../../notify/subscribers/subscriber-error.ts';
import { SUBSCRIBER_ERROR_STATUS } from '../../admin/admin-error-status.ts';
import type { SubscriberPage } from '../../../notify/subscribers/subscriber-page.ts';
import type { SubscriberServiceDeps } from '../../../notify/subscribers/subscriber-service-deps.ts';
import { denyPrivateRequest } from '../private/deny-private-request.ts';
import type { PageAccessGate } from '../private/page-access-gate.ts';
import { PRIVATE_VARY } from '../private/private-headers.ts';
import type { PublicSnapshot } from '../public-snapshot.ts';
import type { HtmlSecurityHeaders } from '../serve-public-raw.ts';
import { crossSiteRequest } from './cross-site-request.ts';
import { subscriberPageOf } from './snapshot-subscriber-pages.ts';
import { confirmButtonPage, messagePage, unsubscribeConfirmPage } from './subscriber-pages.ts';

const FORM = 'application/x-www-form-urlencoded';
const API_PATH = '/api/v2/subscribers';
const FORM_PATH = '/subscribe';
const ERROR_TITLES: Record<SubscriberError['code'], string> = {
  invalid_input: 'Please check the form',
  rate_limited: 'Too many requests',
  not_available: 'Subscriptions are not available',
  delivery_failed: 'Not sent',
  link_expired: 'Link expired',
  link_used: 'Link already used',
  link_unknown: 'Link not valid',
  bad_signature: 'Link not valid',
};

/** How sign-ups find the page they are made on, and who may use a private one. */
export interface SubscribePageSide {
  snapshot: PublicSnapshot;
  /** lets visitors into private pages; absent, nobody subscribes through one */
  access?: PageAccessGate;
  security: HtmlSecurityHeaders;
}

/**
 * Public sign-up, below each page (`POST [/<slug>]/api/v2/subscribers` JSON, `POST [/<slug>]/subscribe` from the
 * page's form; on a page's own domain without the slug): the subscription belongs to that page, and a private page
 * lets in only those its access rule admits. The confirmation link (`GET /subscribers/confirm` shows a button that
 * POSTs it, so that mail scanners confirm nothing) and the signed one-click unsubscribe link (`GET` shows a button,
 * `POST` unsubscribes, RFC 8058) are site-wide. Thin: parse, call one service function, map its SubscriberError.
 */
export function registerSubscribeRoutes(
  app: FastifyInstance,
  deps: SubscriberServiceDeps,
  side: SubscribePageSide,
): void {
  const siteName = () => deps.pages.find('')?.model.page.name ?? 'Status';
  const page = (reply: FastifyReply, status: number, body: string) =>
    reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
  const failed = (reply: FastifyReply, err: unknown, as: 'json' | 'html') => {
    if (!(err instanceof SubscriberError)) throw err;
    const status = SUBSCRIBER_ERROR_STATUS[err.code];
    if (as === 'html') return page(reply, status, messagePage(siteName(), ERROR_TITLES[err.code], err.message));
    return reply
      .code(status)
      .header('cache-control', 'no-store')
      .send({ error: err.code, message: err.message, ...(err.issues.length > 0 && { issues: err.issues }) });
  };

  /** The page a sign-up is made on, once a private page's rule let the request in; otherwise the reply is sent. */
  const pageOf = async (
    request: FastifyRequest,
    reply: FastifyReply,
    suffix: string,
  ): Promise<SubscriberPage | undefined> => {
    const path = request.url.split('?')[0]!;
    const { mount, rest } = side.snapshot.resolve(request.headers.host, path.slice(0, -suffix.length) || '/');
    if (rest !== '/' && rest !== '') {
      reply
        .code(404)
        .header('cache-control', 'no-store')
        .send({ error: 'not_found', message: `no route for POST ${path}` });
      return undefined;
    }
    const access = mount.access;
    if (access) {
      const gated = { ...mount, access };
      const gate = side.access;
      if (!gate) {
        reply
          .code(401)
          .header('cache-control', 'no-store')
          .header('vary', PRIVATE_VARY)
          .send({ error: 'private_page', message: 'this status page is private' });
        return undefined;
      }
      if (crossSiteRequest(request)) {
        denyPrivateRequest(request, reply, gated, gate, side.security, {
          status: 403,
          code: 'cross_origin',
          error: 'Subscribe from the page itself.',
        });
        return undefined;
      }
      if (!(await gate.admits(gated, request))) {
        denyPrivateRequest(request, reply, gated, gate, side.security);
        return undefined;
      }
    }
    const found = subscriberPageOf(side.snapshot, mount);
    if (!found)
      reply
        .code(503)
        .header('cache-control', 'no-store')
        .header('retry-after', '1')
        .send({ error: 'starting', message: 'the status page is starting; try again in a moment' });
    return found;
  };

  void app.register(async (scope) => {
    // forms only here (the rest of the API takes JSON)
    if (!scope.hasContentTypeParser(FORM)) await scope.register(formbody, { bodyLimit: 16_384 });
    // RFC 8058 lets mail clients send the one-click POST as multipart: its body says nothing we need
    scope.addContentTypeParser('multipart/form-data', { bodyLimit: 16_384 }, (_request, payload, done) => {
      payload.resume();
      payload.on('end', () => done(null, {}));
    });

    const apiSignUp = async (request: FastifyRequest, reply: FastifyReply) => {
      const on = await pageOf(request, reply, API_PATH);
      if (!on) return reply;
      try {
        const outcome = await subscribe(deps, { body: request.body, ip: request.ip, page: on });
        return reply.code(202).header('cache-control', 'no-store').send(outcome);
      } catch (err) {
        return failed(reply, err, 'json');
      }
    };
    scope.post(API_PATH, apiSignUp);
    scope.post(`/:slug${API_PATH}`, apiSignUp);

    const formSignUp = async (request: FastifyRequest, reply: FastifyReply) => {
      const on = await pageOf(request, reply, FORM_PATH);
      if (!on) return reply;
      try {
        const outcome = await subscribe(deps, {
          body: formToSubscribeRequest(bodyFields(request)),
          ip: request.ip,
          page: on,
        });
        return page(
          reply,
          202,
          messagePage(
            on.model.page.name,
            outcome.status === 'pending' ? 'Check your inbox' : 'Subscribed',
            outcome.message,
          ),
        );
      } catch (err) {
        return failed(reply, err, 'html');
      }
    };
    scope.post(FORM_PATH, formSignUp);
    scope.post(`/:slug${FORM_PATH}`, formSignUp);

    // a GET confirms nothing: link scanners follow links; a person presses the button
    scope.get('/subscribers/confirm', async (request, reply) => {
      const token = queryText(request, 'token');
      if (!token || token.length > 200)
        return failed(reply, new SubscriberError('link_unknown', 'this confirmation link is not valid'), 'html');
      return page(reply, 200, confirmButtonPage(siteName(), token));
    });

    scope.post('/subscribers/confirm', async (request, reply) => {
      try {
        const token = bodyFields(request).token;
        const subscriber = await confirmSubscription(deps, typeof token === 'string' ? token : '');
        const name = deps.pages.find(subscriber.pageSlug)?.model.page.name ?? siteName();
        return page(
          reply,
          200,
          messagePage(
            name,
            'Subscription confirmed',
            `You will receive incident and maintenance notices from ${name}. Every mail has a link to unsubscribe.`,
          ),
        );
      } catch (err) {
        return failed(reply, err, 'html');
      }
    });

    scope.get('/subscribers/unsubscribe', async (request, reply) => {
      try {
        await checkUnsubscribeLink(deps, queryText(request, 's'), queryText(request, 'sig'));
        return page(reply, 200, unsubscribeConfirmPage(siteName(), request.url));
      } catch (err) {
        return failed(reply, err, 'html');
      }
    });

    scope.post('/subscribers/unsubscribe', async (request, reply) => {
      try {
        await unsubscribe(deps, queryText(request, 's'), queryText(request, 'sig'));
        return page(
          reply,
          200,
          messagePage(siteName(), 'Unsubscribed', `You will no longer receive notices from ${siteName()}.`),
        );
      } catch (err) {
        return failed(reply, err, 'html');
      }
    });
  });
}

function queryText(request: FastifyRequest, name: string): string {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

function bodyFields(request: FastifyRequest): Record<string, unknown> {
  return (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
}
