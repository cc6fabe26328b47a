import { z } from 'zod';
import { parseCidr } from '../egress/cidr-list.ts';

/**
 * Where monitors and outgoing webhooks may connect, checked on the address actually connected to
 * (after DNS resolution). See README "Egress policy (SSRF)".
 */
export const egressSchema = z
  .object({
    /** Refuse cloud metadata and link-local addresses (169.254.169.254, fd00:ec2::254, …) for every target. */
    deny_metadata: z.boolean().default(true),
    /** Refuse loopback and private ranges for targets created through the API (config-file monitors keep them). */
    deny_private: z.boolean().default(false),
    /** Ranges always allowed, whatever the two options above say, e.g. "10.20.0.0/16". */
    allow: z
      .array(
        z
          .string()
          .refine(
            (text) => parseCidr(text) !== undefined,
            'must be a CIDR such as 10.0.0.0/8 or fd00::/8, or an IP address',
          ),
      )
      .default([]),
  })
  .strict();
export type EgressConfig = z.infer<typeof egressSchema>;
