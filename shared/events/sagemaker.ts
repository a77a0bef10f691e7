// Contracts of the SageMaker events Shepherd consumes: training, tuning, pipelines, the registry and endpoints. Only
// what Shepherd reads is required; the rest passes through, because AWS adds fields to its events over time.
import { EndpointStatus } from '@aws-sdk/client-sagemaker';
import * as v from 'valibot';
import { looseObject, mapOf, schema, text } from '../validation';
import { envelope } from './aws';

const matching = (pattern: RegExp, message: string) => v.pipe(v.string(), v.regex(pattern, message));

// SageMaker events carry some fields as null, some not at all.
const nullableString = /* @__PURE__ */ schema(() =>
  v.pipe(
    v.nullish(v.string()),
    v.transform((value) => value ?? undefined),
  ),
);

// When a job's status last changed, in epoch milliseconds (SageMaker's events carry some times as text, so a numeric
// or ISO string is read too); undefined when it cannot be read. It orders the repeated and late events of one job.
const changedAt = /* @__PURE__ */ schema(() =>
  v.pipe(
    v.nullish(v.union([v.number(), v.string()])),
    v.transform((value) => {
      const ms = typeof value === 'string' ? (/^\d+$/.test(value) ? Number(value) : Date.parse(value)) : value;
      return ms !== null && ms !== undefined && Number.isFinite(ms) ? ms : undefined;
    }),
  ),
);

// SageMaker's events carry tags as a map, unlike the API's [{Key, Value}] list.
const eventTags = /* @__PURE__ */ schema(() => v.nullish(mapOf(v.string()), () => ({})));

export const trainingJobStateChangeEvent = /* @__PURE__ */ schema(() =>
  envelope(
    'aws.sagemaker',
    'SageMaker Training Job State Change',
    looseObject({
      TrainingJobName: text(),
      // Deleting too: DeleteTrainingJob deletes a job that ended, and its status says so.
      TrainingJobStatus: v.picklist(['InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped', 'Deleting']),
      SecondaryStatus: nullableString,
      FailureReason: nullableString,
      // Set on the children of a tuning job: their outcome is the tuning job's to judge.
      TuningJobArn: nullableString,
      LastModifiedTime: changedAt,
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

// Endpoint events spell statuses IN_SERVICE, UPDATING…; the API (and the SDK's own list) says InService, Updating…:
// accept both.
const apiStatus = (s: string): string | undefined =>
  Object.values(EndpointStatus).find((a) => a.toUpperCase() === s.replace(/_/g, '').toUpperCase());
const notAnEndpointStatus = () =>
  `must be an endpoint status (${Object.values(EndpointStatus).join(', ')}, or as events spell them: IN_SERVICE…)`;

export const endpointStateChangeEvent = /* @__PURE__ */ schema(() =>
  envelope(
    'aws.sagemaker',
    'SageMaker Endpoint State Change',
    looseObject({
      EndpointName: text(),
      EndpointStatus: v.pipe(
        v.string(),
        v.check((status) => apiStatus(status) !== undefined, notAnEndpointStatus()),
        v.transform((status) => apiStatus(status)!),
      ),
      EndpointConfigName: nullableString,
    }),
  ),
);
