import { z } from 'zod';

export const tcpCheckFields = z.object({
  type: z.literal('tcp'),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  /** Bytes to write after connecting (text; use \r\n escapes in YAML double quotes). */
  send: z.string().optional(),
  /** Text that must appear in what the server sends back (read until found, closed or timeout). */
  expect: z.string().optional(),
});
export type TcpCheckConfig = z.infer<typeof tcpCheckFields>;
