// Contracts of the AWS events Shepherd consumes. Only what Shepherd reads is required; the rest passes through,
// because AWS adds fields to its events over time.
import * as z from 'zod/mini';
import '../validation';

/**
 * A schema built at load. Marked pure where it is called, as zod's builders are not: a bundle whose handler never
 * checks that event drops it, and the parts of zod only it uses.
 */
const schema = <T>(build: () => T): T => build();

const text = () => z.string().check(z.minLength(1));
const matching = (pattern: RegExp, message: string) => z.string().check(z.regex(pattern, message));

/**
 * An envelope time as EventBridge writes it: whole seconds, `Z`. Shepherd orders approvals by comparing these
 * strings, which holds only in that one format (`…:54.5Z` sorts before `…:54Z`), so any other is refused.
 */
const eventTime = () => z.iso.datetime({ precision: 0 });

/** The EventBridge envelope, as Powertools' EventBridgeSchema checks it, with the source and detail type pinned. */
export const envelope = <T extends string, D extends z.ZodMiniType>(source: string, detailType: T, detail: D) =>
  z.object({
    version: z.string(),
    id: z.string(),
    source: z.literal(source),
    account: z.string(),
    time: eventTime(),
    region: z.string(),
    resources: z.array(z.string()),
    'detail-type': z.literal(detailType),
    detail,
    'replay-name': z.optional(z.string()),
  });

// SageMaker events carry some fields as null, some not at all.
const nullableString = /* @__PURE__ */ schema(() =>
  z.pipe(
    z.nullish(z.string()),
    z.transform((v) => v ?? undefined),
  ),
);

// SageMaker's events carry tags as a map, unlike the API's [{Key, Value}] list.
const eventTags = /* @__PURE__ */ schema(() =>
  z.pipe(
    z.nullish(z.record(z.string(), z.string())),
    z.transform((t) => t ?? {}),
  ),
);

export const objectCreatedEvent = /* @__PURE__ */ schema(() =>
  envelope(
    'aws.s3',
    'Object Created',
    z.looseObject({
      bucket: z.looseObject({ name: text() }),
      object: z.looseObject({
        // EventBridge delivers keys as stored, not URL-encoded (unlike S3's SQS/SNS notifications).
        key: text(),
        size: z.number().check(z.int(), z.nonnegative()),
        etag: z.optional(z.string()),
        sequencer: z.optional(z.string()),
        'version-id': z.optional(z.string()),
      }),
    }),
  ),
);

export const alarmStateChangeEvent = /* @__PURE__ */ schema(() =>
  envelope(
    'aws.cloudwatch',
    'CloudWatch Alarm State Change',
    z.looseObject({
      alarmName: text(),
      // `timestamp`: when the state changed (`2026-11-27T06:05:40.118+0000`); a drift trigger is keyed by it.
      state: z.looseObject({
        value: z.enum(['OK', 'ALARM', 'INSUFFICIENT_DATA']),
        reason: z.optional(z.string()),
        timestamp: z.optional(z.string()),
      }),
      previousState: z.optional(z.looseObject({ value: z.string() })),
    }),
  ),
);

export const trainingJobStateChangeEvent = /* @__PURE__ */ schema(() =>
  envelope(
    'aws.sagemaker',
    'SageMaker Training Job State Change',
    z.looseObject({
      TrainingJobName: text(),
      TrainingJobStatus: z.enum(['InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped']),
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
    z.looseObject({
      HyperParameterTuningJobName: matching(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}$/, 'must be a tuning job name'),
      HyperParameterTuningJobStatus: z.enum([
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
    z.looseObject({
      pipelineArn: matching(/^arn:aws[a-z-]*:sagemaker:[^:]*:\d{12}:pipeline\//, 'must be a pipeline ARN'),
      pipelineExecutionArn: text(),
      pipelineExecutionDisplayName: nullableString,
      currentPipelineExecutionStatus: z.enum(['Executing', 'Stopping', 'Stopped', 'Failed', 'Succeeded']),
      previousPipelineExecutionStatus: nullableString,
      failureReason: nullableString,
    }),
  ),
);

/** What the retrain schedule delivers: its input transformer keeps the scheduled event's id and time. */
export const scheduledRetrainEvent = /* @__PURE__ */ schema(() =>
  z.strictObject({
    model: text(),
    id: text(),
    time: eventTime(),
  }),
);

/** The reconciler's schedule: the plain `aws.events` scheduled event. */
export const scheduledEvent = /* @__PURE__ */ schema(() =>
  envelope('aws.events', 'Scheduled Event', z.looseObject({})),
);

export type ObjectCreatedEvent = z.output<typeof objectCreatedEvent>;
export type TrainingJobStateChangeEvent = z.output<typeof trainingJobStateChangeEvent>;

export const modelPackageStateChangeEvent = /* @__PURE__ */ schema(() =>
  envelope(
    'aws.sagemaker',
    'SageMaker Model Package State Change',
    z.looseObject({
      ModelPackageGroupName: text(),
      ModelPackageArn: matching(
        /^arn:aws[a-z-]*:sagemaker:[^:]*:\d{12}:model-package\//,
        'must be a model package ARN',
      ),
      ModelApprovalStatus: z.enum(['Approved', 'Rejected', 'PendingManualApproval']),
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
    z.looseObject({
      EndpointName: text(),
      EndpointStatus: z.pipe(
        z.string().check(z.refine((s) => apiStatus(s) !== undefined, { message: NOT_AN_ENDPOINT_STATUS })),
        z.transform((s) => apiStatus(s)!),
      ),
      EndpointConfigName: nullableString,
    }),
  ),
);
