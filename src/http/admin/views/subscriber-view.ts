import { z } from 'zod';
import { SUBSCRIBER_KINDS, type SubscriberRecord } from '../../../store/admin-store.ts';
import { apiTime, isoTime, isoTimeOrNull } from './api-time.ts';

export const subscriberView = z.object({
  id: z.string(),
  kind: z.enum(SUBSCRIBER_KINDS),
  target: z.string(),
  component_ids: z.array(z.string()).describe('empty: every component'),
  confirmed_at: apiTime.nullable(),
  created_at: apiTime,
  page_slug: z.string().describe("the status page subscribed through ('' = the page at /)"),
});

export const presentSubscriber = (s: SubscriberRecord): z.infer<typeof subscriberView> => ({
  id: s.id,
  kind: s.kind,
  target: s.target,
  component_ids: s.componentIds,
  confirmed_at: isoTimeOrNull(s.confirmedAt),
  created_at: isoTime(s.createdAt),
  page_slug: s.pageSlug,
});
