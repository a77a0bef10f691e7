// Contracts of the AWS events Shepherd consumes. Only what Shepherd reads is required; the rest passes through,
// because AWS adds fields to its events over time.
import * as v from 'valibot';
import {
  anyObject,
  count,
  looseObject,
  mapOf,
  object,
  schema,
  strictObject,
  text,
  wholeSecondTime,
} from '../validation';

const matching = (pattern: RegExp, message: string) => v.pipe(v.string(), v.regex(pattern, message));

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

// SageMaker events carry some fields as null, some not at all.
const nullableString = /* @__PURE__ */ schema(() =>
  v.pipe(
    v.nullish(v.string()),
    v.transform((value) => value ?? undefined),
  ),
);

// SageMaker's events carry tags as a map, unlike the API's [{Key, Value}] list.
const eventTags = /* @__PURE__ */ schema(() => v.nullish(mapOf(v.string()), () => ({})));

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

export const trainingJobStateChangeEvent = /* @__PURE__ */ schema(() =>
  envelope(
    'aws.sagemaker',
    'SageMaker Training Job State Change',
    looseObject({
      TrainingJobName: text(),
      TrainingJobStatus: v.picklist(['InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped']),
      SecondaryStatus: nullableString,
      FailureReason: nullableString,
      // Set on the children of a tuning job: their outcome is the tuning job's to judge.
      TuningJobArn: nullableString,
      Tags: eventTags,
    }),
  ),
);

export const tuningJobStateChangeEvent = /* @__PURE__ */ schema(() =>
  envelope(
    'aws.sagemaker',
    'SageMaker HyperParameter Tuning Job State Change',
    looseObject({
      HyperParameterTuningJobName: matching(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}$/, 'must be a tuning job name'),
      HyperParameterTuningJobStatus: v.picklist([
        'InProgress',
        'Completed',
        'Failed',
        'Stopping',
        'Stopped',
        'Deleting',
        'DeleteFailed',
      ]),
      FailureReason: nullableString,
    }),
  ),
);

export const pipelineExecutionStatusChangeEvent = /* @__PURE__ */ schema(() =>
  envelope(
    'aws.sagemaker',
    'SageMaker Model Building Pipeline Execution Status Change',
    looseObject({
      pipelineArn: matching(/^arn:aws[a-z-]*:sagemaker:[^:]*:\d{12}:pipeline\//, 'must be a pipeline ARN'),
      pipelineExecutionArn: text(),
      pipelineExecutionDisplayName: nullableString,
      currentPipelineExecutionStatus: v.picklist(['Executing', 'Stopping', 'Stopped', 'Failed', 'Succeeded']),
      previousPipelineExecutionStatus: nullableString,
      failureReason: nullableString,
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

export type ObjectCreatedEvent = v.InferOutput<typeof objectCreatedEvent>;
export type TrainingJobStateChangeEvent = v.InferOutput<typeof trainingJobStateChangeEvent>;

export const modelPackageStateChangeEvent = /* @__PURE__ */ schema(() =>
  envelope(
    'aws.sagemaker',
    'SageMaker Model Package State Change',
    looseObject({
      ModelPackageGroupName: text(),
      ModelPackageArn: matching(
        /^arn:aws[a-z-]*:sagemaker:[^:]*:\d{12}:model-package\//,
        'must be a model package ARN',
      ),
      ModelApprovalStatus: v.picklist(['Approved', 'Rejected', 'PendingManualApproval']),
      ApprovalDescription: nullableString,
    }),
  ),
);

// Endpoint events spell statuses IN_SERVICE, UPDATING…; the API says InService, Updating…: accept both.
const ENDPOINT_STATUSES = [
  'OutOfService',
  'Creating',
  'Updating',
  'SystemUpdating',
  'RollingBack',
  'InService',
  'Deleting',
  'Failed',
  'UpdateRollbackFailed',
];
const apiStatus = (s: string) => ENDPOINT_STATUSES.find((a) => a.toUpperCase() === s.replace(/_/g, '').toUpperCase());
const statusList = ENDPOINT_STATUSES.join(', ');
const NOT_AN_ENDPOINT_STATUS = `must be an endpoint status (${statusList}, or as events spell them: IN_SERVICE…)`;

export const endpointStateChangeEvent = /* @__PURE__ */ schema(() =>
  envelope(
    'aws.sagemaker',
    'SageMaker Endpoint State Change',
    looseObject({
      EndpointName: text(),
      EndpointStatus: v.pipe(
        v.string(),
        v.check((status) => apiStatus(status) !== undefined, NOT_AN_ENDPOINT_STATUS),
        v.transform((status) => apiStatus(status)!),
      ),
      EndpointConfigName: nullableString,
    }),
  ),
);
