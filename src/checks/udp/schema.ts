import { z } from 'zod';

export const udpCheckFields = z.object({
  type: z.literal('udp'),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  /** The datagram to send (text; use \r\n escapes in YAML double quotes); default: an empty datagram. */
  body: z.string().max(65_000).optional(),
});
export type UdpCheckConfig = z.infer<typeof udpCheckFields>;
