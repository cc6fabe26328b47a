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
import type { MessageKey } from '../../../i18n/catalogs.ts';
import type { Translator } from '../../../i18n/translator.ts';
import { confirmButtonPage, messagePage, unsubscribeConfirmPage } from './subscriber-pages.ts';
import { visitorTranslator } from './visitor-translator.ts';

const FORM = 'application/x-www-form-urlencoded';
const API_PATH = '/api/v2/subscribers';
const FORM_PATH = '/subscribe';
/** Each error's title and sentence on the HTML pages, by message key (a bad signature reads as an unknown link). */
const ERROR_WORDS: Record<SubscriberError['code'], [MessageKey, MessageKey]> = {
  invalid_input: ['subscriber.error.invalid_input', 'subscriber.errorText.invalid_input'],
  rate_limited: ['subscriber.error.rate_limited', 'subscriber.errorText.rate_limited'],
  not_available: ['subscriber.error.not_available', 'subscriber.errorText.not_available'],
  delivery_failed: ['subscriber.error.delivery_failed', 'subscriber.errorText.delivery_failed'],
  link_expired: ['subscriber.error.link_expired', 'subscriber.errorText.link_expired'],
  link_used: ['subscriber.error.link_used', 'subscriber.errorText.link_used'],
  link_unknown: ['subscriber.error.link_unknown', 'subscriber.errorText.link_unknown'],
  bad_signature: ['subscriber.error.link_unknown', 'subscriber.errorText.link_unknown'],
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
  /** the visitor's language on the site-wide pages: the page served at / decides which are offered */
  const siteTranslator = (request: FastifyRequest) => visitorTranslator(side.snapshot.mounts.root, request);
  const failed = (reply: FastifyReply, err: unknown, as: 'json' | Translator) => {
    if (!(err instanceof SubscriberError)) throw err;
    const status = SUBSCRIBER_ERROR_STATUS[err.code];
    if (as !== 'json') {
      const [title, text] = ERROR_WORDS[err.code];
      // English keeps the service's own detailed message; other languages a sentence of their own
      const message = as.locale === 'en' ? err.message : as.t(text);
      return page(reply, status, messagePage(siteName(), as.t(title), message, as));
    }
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
      const path = request.url.split('?')[0]!;
      const { mount } = side.snapshot.resolve(request.headers.host, path.slice(0, -FORM_PATH.length) || '/');
      const t = visitorTranslator(mount, request);
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
            t.t(outcome.status === 'pending' ? 'subscriber.checkInbox' : 'subscriber.subscribed'),
            outcome.status === 'pending' && t.locale !== 'en' ? t.t('subscriber.checkInboxText') : outcome.message,
            t,
          ),
        );
      } catch (err) {
        return failed(reply, err, t);
      }
    };
    scope.post(FORM_PATH, formSignUp);
    scope.post(`/:slug${FORM_PATH}`, formSignUp);

    // a GET confirms nothing: link scanners follow links; a person presses the button
    scope.get('/subscribers/confirm', async (request, reply) => {
      const token = queryText(request, 'token');
      const t = siteTranslator(request);
      if (!token || token.length > 200)
        return failed(reply, new SubscriberError('link_unknown', 'this confirmation link is not valid'), t);
      return page(reply, 200, confirmButtonPage(siteName(), token, t));
    });

    scope.post('/subscribers/confirm', async (request, reply) => {
      let t = siteTranslator(request);
      try {
        const token = bodyFields(request).token;
        const subscriber = await confirmSubscription(deps, typeof token === 'string' ? token : '');
        const name = deps.pages.find(subscriber.pageSlug)?.model.page.name ?? siteName();
        const mount = side.snapshot.mounts.bySlug.get(subscriber.pageSlug) ?? side.snapshot.mounts.root;
        t = visitorTranslator(mount, request);
        return page(
          reply,
          200,
          messagePage(name, t.t('subscriber.confirmed'), t.t('subscriber.confirmedText', { site: name }), t),
        );
      } catch (err) {
        return failed(reply, err, t);
      }
    });

    scope.get('/subscribers/unsubscribe', async (request, reply) => {
      const t = siteTranslator(request);
      try {
        await checkUnsubscribeLink(deps, queryText(request, 's'), queryText(request, 'sig'));
        return page(reply, 200, unsubscribeConfirmPage(siteName(), request.url, t));
      } catch (err) {
        return failed(reply, err, t);
      }
    });

    scope.post('/subscribers/unsubscribe', async (request, reply) => {
      const t = siteTranslator(request);
      try {
        await unsubscribe(deps, queryText(request, 's'), queryText(request, 'sig'));
        return page(
          reply,
          200,
          messagePage(
            siteName(),
            t.t('subscriber.unsubscribed'),
            t.t('subscriber.unsubscribedText', { site: siteName() }),
            t,
          ),
        );
      } catch (err) {
        return failed(reply, err, t);
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
