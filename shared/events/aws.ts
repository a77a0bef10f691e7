// Contracts of the AWS events Shepherd consumes: S3, CloudWatch and schedules here, SageMaker's in sagemaker.ts. Only
// what Shepherd reads is required; the rest passes through, because AWS adds fields to its events over time.
import * as v from 'valibot';
import { anyObject, count, looseObject, object, schema, strictObject, text, wholeSecondTime } from '../validation';

/** The EventBridge envelope, as Powertools' EventBridgeSchema checks it, with the source and detail type pinned. */
export const envelope = <T extends string, D extends v.GenericSchema>(source: string, detailType: T, detail: D) =>
  object({
    version: v.string(),
    id: v.string(),
    source: v.literal(source),
    account: v.string(),
    time: wholeSecondTime(),
    region: v.string(),
    resources: v.array(v.string()),
    'detail-type': v.literal(detailType),
    detail,
    'replay-name': v.optional(v.string()),
  });

export const objectCreatedEvent = /* @__PURE__ */ schema(() =>
  envelope(
    'aws.s3',
    'Object Created',
    looseObject({
      bucket: looseObject({ name: text() }),
      object: looseObject({
        // EventBridge delivers keys as stored, not URL-encoded (unlike S3's SQS/SNS notifications).
        key: text(),
        size: count(),
        etag: v.optional(v.string()),
        sequencer: v.optional(v.string()),
        'version-id': v.optional(v.string()),
      }),
    }),
  ),
);

export const alarmStateChangeEvent = /* @__PURE__ */ schema(() =>
  envelope(
    'aws.cloudwatch',
    'CloudWatch Alarm State Change',
    looseObject({
      alarmName: text(),
      // `timestamp`: when the state changed (`2026-11-27T06:05:40.118+0000`); a drift trigger is keyed by it.
      state: looseObject({
        value: v.picklist(['OK', 'ALARM', 'INSUFFICIENT_DATA']),
        reason: v.optional(v.string()),
        timestamp: v.optional(v.string()),
      }),
      previousState: v.optional(looseObject({ value: v.string() })),
    }),
  ),
);

/** What the retrain schedule delivers: its input transformer keeps the scheduled event's id and time. */
export const scheduledRetrainEvent = /* @__PURE__ */ schema(() =>
  strictObject({
    model: text(),
    id: text(),
    time: wholeSecondTime(),
  }),
);

/** The reconciler's schedule: the plain `aws.events` scheduled event. */
export const scheduledEvent = /* @__PURE__ */ schema(() => envelope('aws.events', 'Scheduled Event', anyObject()));
