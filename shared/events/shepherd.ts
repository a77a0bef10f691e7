// Contracts of Shepherd's own events that one of its functions consumes, on Shepherd's bus.
import * as z from 'zod/mini';
import '../validation';

const text = () => z.string().check(z.minLength(1));

/** A notification whose links only the key's holder may sign (shared/aws/sns.ts, forwardLinks). */
const notification = z.object({
  kind: z.enum(['approval', 'alert', 'report']),
  severity: z.enum(['info', 'warning', 'critical']),
  model: text(),
  subject: text(),
  message: text(),
  links: z.object({
    subject: text(),
    actions: z.array(z.enum(['approve', 'reject', 'promote', 'abort'])).check(z.minLength(1)),
    approvers: z.array(text()).check(z.minLength(1)),
    ttlHours: z.number().check(z.positive()),
  }),
});

export const approvalLinksRequestedEvent = z.object({
  version: z.string(),
  id: text(),
  source: z.literal('shepherd'),
  account: z.string(),
  time: z.iso.datetime(),
  region: z.string(),
  resources: z.array(z.string()),
  'detail-type': z.literal('Approval Links Requested'),
  detail: z.object({ notification }),
});
