import { Agent, type Dispatcher } from 'undici';
import type { Bus } from '../bus/bus.ts';
import { guardedDispatcher } from '../egress/guarded-agent.ts';
import type { EgressGuard, EgressOrigin, EgressPolicy } from '../egress/egress-policy.ts';
import { channelSender } from '../notify/channel-sender.ts';
import type { ChannelConfig } from '../notify/channel-schema.ts';
import { closeEmailTransports } from '../notify/email/index.ts';
import type { EventLinks } from '../notify/events/monitor-events.ts';
import { testEvent } from '../notify/events/test-event.ts';
import type { DeliveryResult } from '../notify/notifier.ts';
import { OutboxWorker, type ChannelSender, type OutboxWorkerOptions } from '../notify/outbox-worker.ts';
import type { Store } from '../store/store.ts';
import type { BatchStage } from './batch-writer.ts';
import type { Catalog } from './catalog.ts';
import { subscriberRoutes } from '../notify/routing/subscriber-routes.ts';
import type { Logger } from './logger.ts';
import { NotificationRouter } from './notification-router.ts';
import type { StatusBoard } from './status-board.ts';

export interface NotificationsDeps {
  store: Store;
  bus: Bus;
  board: StatusBoard;
  writer: BatchStage;
  egress: EgressPolicy;
  logger: Logger;
  links: EventLinks;
  now(): number;
  /** the sender for a subscriber (email or webhook); none: subscriber rows wait */
  subscriberSender?: (id: string, dispatcher: Dispatcher) => ChannelSender | undefined;
  claimant: string;
  /** outbox worker tuning (tests, benches) */
  worker?: {
    pollMs?: number;
    backoffBaseMs?: number;
    backoffMaxMs?: number;
    maxAgeMs?: number;
    leaseMs?: number;
    timeoutMs?: number;
  };
  /** told of each settled delivery (metrics) */
  onDelivery?: OutboxWorkerOptions['onDelivery'];
}

/**
 * Notifications for this process: the router that turns the pipeline's changes into outbox rows (committed with the
 * changes), and the worker that sends them. Channels come from the catalog; outgoing HTTP goes through the egress
 * policy of where the channel was defined (config file or API).
 */
export class NotificationsRuntime {
  readonly router: NotificationRouter;
  readonly worker: OutboxWorker;
  private channels = new Map<string, ChannelSender>();
  /** per origin of a channel: the guarded HTTP dispatcher and the guard itself (SMTP) */
  private readonly egress: Record<'config' | 'api', { dispatcher: Dispatcher; guard: EgressGuard }>;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly deps: NotificationsDeps) {
    const egressOf = (origin: EgressOrigin) => ({
      dispatcher: guardedDispatcher(deps.egress.guardFor(origin)),
      guard: deps.egress.guardFor(origin),
    });
    this.egress = { config: egressOf('config'), api: egressOf('api') };
    this.router = new NotificationRouter(deps.board, deps.links, (rows, marks) =>
      deps.writer.stage((batch) => {
        batch.noticeMarks.push(...marks);
        if (rows.length === 0) return;
        batch.notifications.push(...rows);
        batch.events.push({ type: 'notifications.queued', count: rows.length, at: deps.now() });
      }),
    );
    this.worker = new OutboxWorker({
      outbox: deps.store.outbox,
      channel: (id) => this.channels.get(id),
      subscriber: (id) => deps.subscriberSender?.(id, this.egress.config.dispatcher),
      logger: deps.logger,
      now: deps.now,
      claimant: deps.claimant,
      onDelivery: deps.onDelivery,
      ...deps.worker,
    });
  }

  /** ids of the channels in the catalog */
  channelIds(): string[] {
    return [...this.channels.keys()];
  }

  setCatalog(catalog: Pick<Catalog, 'channels' | 'subscribers' | 'pages' | 'components'>): void {
    this.channels = new Map(
      catalog.channels.map((c) => [c.config.id, channelSender(c.config, this.egress[c.managedBy])]),
    );
    this.router.setTargets(
      catalog.channels.map((c) => ({
        id: c.config.id,
        events: c.config.events,
        components: c.config.components,
        monitors: c.config.monitors,
        reminderEvery: c.config.reminder_every,
      })),
      subscriberRoutes(
        catalog.subscribers,
        catalog.pages,
        catalog.components.map((c) => ({ id: c.id, group: c.config.group })),
      ),
    );
  }

  start(): void {
    this.unsubscribe = this.deps.bus.subscribe((e) => {
      if (e.type === 'batch.committed' && e.notifications > 0) this.worker.wake();
    });
    this.worker.start();
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    await this.worker.stop();
    await Promise.all(Object.values(this.egress).map((e) => (e.dispatcher as Agent).close()));
    await closeEmailTransports();
  }

  /** The channel's "send test": an event of type `test` (it says so in every notifier's words), straight to the receiver. */
  async testChannel(config: ChannelConfig, origin: 'config' | 'api', requestedBy?: string): Promise<DeliveryResult> {
    const event = testEvent(config.id, this.deps.now(), this.deps.links.pageUrl, requestedBy ?? null);
    const sender = channelSender(config, this.egress[origin]);
    const ctx = {
      idempotencyKey: event.id,
      signal: AbortSignal.timeout(15_000),
      dispatcher: sender.dispatcher,
      egress: sender.egress,
      now: this.deps.now,
    };
    return sender.send(event, ctx);
  }
}
