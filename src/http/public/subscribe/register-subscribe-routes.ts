import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkUnsubscribeLink, confirmSubscription, unsubscribe } from '../../../notify/subscribers/manage-subscription.ts';
import { subscribe } from '../../../notify/subscribers/subscribe.ts';
import { formToSubscribeRequest } from '../../../notify/subscribers/subscribe-input.ts';
import { SUBSCRIBER_ERROR_STATUS, SubscriberError } from '../../../notify/subscribers/subscriber-error.ts';
import type { SubscriberServiceDeps } from '../../../notify/subscribers/subscriber-service-deps.ts';
import { messagePage, unsubscribeConfirmPage } from './subscriber-pages.ts';

const FORM = 'application/x-www-form-urlencoded';
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

/**
 * Public sign-up (`POST /api/v2/subscribers` JSON, `POST /subscribe` from the page's form), the confirmation link
 * (`GET /subscribers/confirm`) and the signed one-click unsubscribe link (`GET` shows a button, `POST` unsubscribes,
 * RFC 8058). Thin: parse, call one service function, map its SubscriberError to a status.
 */
export function registerSubscribeRoutes(app: FastifyInstance, deps: SubscriberServiceDeps): void {
  const siteName = () => deps.pageModel()?.page.name ?? 'Status';
  const page = (reply: FastifyReply, status: number, body: string) => reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
  const failed = (reply: FastifyReply, err: unknown, as: 'json' | 'html') => {
    if (!(err instanceof SubscriberError)) throw err;
    const status = SUBSCRIBER_ERROR_STATUS[err.code];
    if (as === 'html') return page(reply, status, messagePage(siteName(), ERROR_TITLES[err.code], err.message));
    return reply.code(status).header('cache-control', 'no-store').send({ error: err.code, message: err.message, ...(err.issues.length > 0 && { issues: err.issues }) });
  };

  void app.register(async (scope) => {
    // forms only here (the rest of the API takes JSON)
    if (!scope.hasContentTypeParser(FORM)) await scope.register(formbody, { bodyLimit: 16_384 });
    // RFC 8058 lets mail clients send the one-click POST as multipart: its body says nothing we need
    scope.addContentTypeParser('multipart/form-data', { bodyLimit: 16_384 }, (_request, payload, done) => {
      payload.resume();
      payload.on('end', () => done(null, {}));
    });

    scope.post('/api/v2/subscribers', async (request, reply) => {
      try {
        const outcome = await subscribe(deps, { body: request.body, ip: request.ip });
        return reply.code(202).header('cache-control', 'no-store').send(outcome);
      } catch (err) {
        return failed(reply, err, 'json');
      }
    });

    scope.post('/subscribe', async (request, reply) => {
      try {
        const form = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
        const outcome = await subscribe(deps, { body: formToSubscribeRequest(form), ip: request.ip });
        return page(reply, 202, messagePage(siteName(), outcome.status === 'pending' ? 'Check your inbox' : 'Subscribed', outcome.message));
      } catch (err) {
        return failed(reply, err, 'html');
      }
    });

    scope.get('/subscribers/confirm', async (request, reply) => {
      try {
        await confirmSubscription(deps, queryText(request, 'token'));
        return page(reply, 200, messagePage(siteName(), 'Subscription confirmed', `You will receive incident and maintenance notices from ${siteName()}. Every mail has a link to unsubscribe.`));
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
        return page(reply, 200, messagePage(siteName(), 'Unsubscribed', `You will no longer receive notices from ${siteName()}.`));
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
