// Contracts of Shepherd's own events that one of its functions consumes, on Shepherd's bus.
import * as v from 'valibot';
import { MAX_LINK_TTL_HOURS } from '../domain/approval/lifetime';
import { count, isoTime, object, schema, text } from '../validation';
import { alarmStateChangeEvent, envelope } from './aws';

/** A notification whose links only the key's holder may sign (shared/aws/sns.ts, forwardLinks). */
const notification = () =>
  object({
    kind: v.picklist(['approval', 'alert', 'report']),
    severity: v.picklist(['info', 'warning', 'critical']),
    model: text(),
    subject: text(),
    message: text(),
    links: object({
      subject: text(),
      actions: v.pipe(v.array(v.picklist(['approve', 'reject', 'promote', 'abort'])), v.minLength(1)),
      approvers: v.pipe(v.array(text()), v.minLength(1)),
      ttlHours: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_LINK_TTL_HOURS)),
      deploymentStartedAt: v.optional(count()),
    }),
  });

export const approvalLinksRequestedEvent = /* @__PURE__ */ schema(() =>
  envelope('shepherd', 'Approval Links Requested', object({ notification: notification() })),
);

/**
 * The reconciler found the drift alarm Shepherd keeps in ALARM without its event having reached describeDrift: the
 * change to describe, as that event would have told it (the alarm and the time its state changed).
 */
export const driftDescriptionRequestedEvent = /* @__PURE__ */ schema(() =>
  envelope(
    'shepherd',
    'Drift Description Requested',
    object({ model: text(), alarmName: text(), changedAt: isoTime() }),
  ),
);

/** describeDrift's events: the alarm's own change, or the reconciler's request for one whose event was lost. */
export const driftToDescribeEvent = /* @__PURE__ */ schema(() =>
  v.variant('detail-type', [alarmStateChangeEvent, driftDescriptionRequestedEvent]),
);
