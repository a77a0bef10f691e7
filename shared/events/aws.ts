// Contracts of the AWS events Shepherd consumes. Only what Shepherd reads is required; the rest passes through,
// because AWS adds fields to its events over time.
import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas';
import { z } from 'zod';

const envelope = <T extends string, D extends z.ZodType>(source: string, detailType: T, detail: D) =>
  EventBridgeSchema.extend({ source: z.literal(source), 'detail-type': z.literal(detailType), detail });

// SageMaker events carry times as epoch-ms numbers, sometimes as strings, sometimes null.
const nullableString = z.string().nullish().transform((v) => v ?? undefined);

export const objectCreatedEvent = envelope(
  'aws.s3',
  'Object Created',
  z.looseObject({
    bucket: z.looseObject({ name: z.string().min(1) }),
    object: z.looseObject({
      // EventBridge delivers keys as stored, not URL-encoded (unlike S3's SQS/SNS notifications).
      key: z.string().min(1),
      size: z.number().int().nonnegative(),
      etag: z.string().optional(),
      sequencer: z.string().optional(),
      'version-id': z.string().optional(),
    }),
  }),
);

export const alarmStateChangeEvent = envelope(
  'aws.cloudwatch',
  'CloudWatch Alarm State Change',
  z.looseObject({
    alarmName: z.string().min(1),
    state: z.looseObject({ value: z.enum(['OK', 'ALARM', 'INSUFFICIENT_DATA']), reason: z.string().optional() }),
    previousState: z.looseObject({ value: z.string() }).optional(),
  }),
);

export const trainingJobStateChangeEvent = envelope(
  'aws.sagemaker',
  'SageMaker Training Job State Change',
  z.looseObject({
    TrainingJobName: z.string().min(1),
    TrainingJobStatus: z.enum(['InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped']),
    SecondaryStatus: nullableString,
    FailureReason: nullableString,
    // The event carries tags as a map, unlike the API's [{Key, Value}] list.
    Tags: z.record(z.string(), z.string()).nullish().transform((t) => t ?? {}),
  }),
);

export const pipelineExecutionStatusChangeEvent = envelope(
  'aws.sagemaker',
  'SageMaker Model Building Pipeline Execution Status Change',
  z.looseObject({
    pipelineArn: z.string().regex(/^arn:aws[a-z-]*:sagemaker:[^:]*:\d{12}:pipeline\//, 'must be a pipeline ARN'),
    pipelineExecutionArn: z.string().min(1),
    pipelineExecutionDisplayName: nullableString,
    currentPipelineExecutionStatus: z.enum(['Executing', 'Stopping', 'Stopped', 'Failed', 'Succeeded']),
    previousPipelineExecutionStatus: nullableString,
    failureReason: nullableString,
  }),
);

/** What the retrain schedule delivers: its input transformer keeps the scheduled event's id and time. */
export const scheduledRetrainEvent = z.strictObject({
  model: z.string().min(1),
  id: z.string().min(1),
  time: z.iso.datetime(),
});

/** The reconciler's schedule: the plain `aws.events` scheduled event. */
export const scheduledEvent = envelope('aws.events', 'Scheduled Event', z.looseObject({}));

export type ObjectCreatedEvent = z.output<typeof objectCreatedEvent>;
export type TrainingJobStateChangeEvent = z.output<typeof trainingJobStateChangeEvent>;

export const modelPackageStateChangeEvent = envelope(
  'aws.sagemaker',
  'SageMaker Model Package State Change',
  z.looseObject({
    ModelPackageGroupName: z.string().min(1),
    ModelPackageArn: z.string().regex(/^arn:aws[a-z-]*:sagemaker:[^:]*:\d{12}:model-package\//, 'must be a model package ARN'),
    ModelApprovalStatus: z.enum(['Approved', 'Rejected', 'PendingManualApproval']),
    ApprovalDescription: nullableString,
  }),
);

// Endpoint events spell statuses IN_SERVICE, UPDATING…; the API says InService, Updating…: accept both.
const ENDPOINT_STATUSES = ['OutOfService', 'Creating', 'Updating', 'SystemUpdating', 'RollingBack', 'InService', 'Deleting', 'Failed', 'UpdateRollbackFailed'];
const apiStatus = (s: string) => ENDPOINT_STATUSES.find((a) => a.toUpperCase() === s.replace(/_/g, '').toUpperCase());

export const endpointStateChangeEvent = envelope(
  'aws.sagemaker',
  'SageMaker Endpoint State Change',
  z.looseObject({
    EndpointName: z.string().min(1),
    EndpointStatus: z
      .string()
      .refine((s) => apiStatus(s) !== undefined, { message: `must be an endpoint status (${ENDPOINT_STATUSES.join(', ')}, or as events spell them: IN_SERVICE…)` })
      .transform((s) => apiStatus(s)!),
    EndpointConfigName: nullableString,
  }),
);
