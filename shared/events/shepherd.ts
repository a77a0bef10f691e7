// Contracts of Shepherd's own events that one of its functions consumes, on Shepherd's bus.
import * as z from 'zod/mini';
import '../validation';
import { alarmStateChangeEvent, envelope } from './aws';

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

export const approvalLinksRequestedEvent = envelope('shepherd', 'Approval Links Requested', z.object({ notification }));

/**
 * The reconciler found the drift alarm Shepherd keeps in ALARM without its event having reached describeDrift: the
 * change to describe, as that event would have told it (the alarm and the time its state changed).
 */
export const driftDescriptionRequestedEvent = envelope(
  'shepherd',
  'Drift Description Requested',
  z.object({ model: text(), alarmName: text(), changedAt: z.iso.datetime({ offset: true }) }),
);

/** describeDrift's events: the alarm's own change, or the reconciler's request for one whose event was lost. */
export const driftToDescribeEvent = z.discriminatedUnion('detail-type', [
  alarmStateChangeEvent,
  driftDescriptionRequestedEvent,
]);
