// What IAM each outbox action takes, by action type: the one table that says which grants a function's role needs to
// perform a leftover of that type (shared/app/grants.ts declares which types each function takes on; iam.ts grants).
// Resources are the names Shepherd gives a line's resources; a Create call that carries tags also takes AddTags, and a
// request that hands SageMaker a role takes iam:PassRole on it (Service Authorization Reference for SageMaker:
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsagemaker.html).
import type { Action } from '../domain/actions';
import { deploymentId } from '../domain/deployment/requests';
import type { ApprovedPackage } from '../domain/deployment/state';
import { compilationJobName } from '../domain/edge/requests';
import { monitoredAlarmName } from '../domain/monitoring/alarm-name';
import { baseliningJobName } from '../domain/monitoring/baseline';
import { configName, modelName, trainingJobName, trainingRunName, tuningRunName } from '../domain/names';
import type { ModelLine } from './schema';

/** An ARN of the stack's account and Region: `service` and the resource as IAM names it (`training-job/<name>`). */
export type ArnOf = (service: 'sagemaker' | 'cloudwatch', resource: string) => string;

/**
 * IAM actions and what they act on for one line: the ARNs, none when the line never asks for the action. Without
 * `on`, what they act on is Shepherd's own (its table, bus, topics) or takes no resource-level permission (`*`).
 */
export interface Needs {
  actions: string[];
  on?: (line: ModelLine, arn: ArnOf) => string[];
}

const AT = '2026-01-01T00:00:00Z';
/** A package of the line's group: the names Shepherd gives after one carry its version and a hash of its ARN. */
const pkg = (line: ModelLine, version: number): ApprovedPackage => ({
  arn: `arn:aws:sagemaker:us-east-1:000000000000:model-package/${line.modelPackageGroup}/${version}`,
  group: line.modelPackageGroup,
  version,
  containers: [],
  at: AT,
});
const ifJob = <T>(line: ModelLine, v: () => T[]) => (line.training.type === 'job' ? v() : []);
const ifTuning = <T>(line: ModelLine, v: () => T[]) => (line.training.type === 'tuning' ? v() : []);
const trainingRole = (line: ModelLine) => ('roleArn' in line.training ? line.training.roleArn : '');
const deployed = (line: ModelLine, v: (endpoint: string) => string[]) =>
  line.deployment ? v(line.deployment.endpointName) : [];
const endpoint = (line: ModelLine, arn: ArnOf) => deployed(line, (e) => [arn('sagemaker', `endpoint/${e}`)]);
const config = (line: ModelLine, arn: ArnOf) =>
  deployed(line, (e) => [
    arn('sagemaker', `endpoint-config/${configName(e, deploymentId(e, pkg(line, 2).arn), 'canary')}`),
  ]);
const model = (line: ModelLine, arn: ArnOf) =>
  deployed(line, () => [arn('sagemaker', `model/${modelName(line.name, pkg(line, 2))}`)]);
const packageOf = (line: ModelLine, arn: ArnOf) => [arn('sagemaker', `model-package/${line.modelPackageGroup}/2`)];
const compilationJobs = (line: ModelLine, arn: ArnOf) =>
  line.edgeTargets.map((t) => arn('sagemaker', `compilation-job/${compilationJobName(line.name, t, pkg(line, 2))}`));
const own = (...actions: string[]): Needs[] => [{ actions }];
const monitoring = (action: string): Needs[] => [{ actions: [`sagemaker:${action}`] }];

/** Each outbox action type and the IAM it takes. */
export const OUTBOX_IAM: Record<Action['type'], Needs[]> = {
  record: own('dynamodb:PutItem'),
  publishEvent: own('events:PutEvents'),
  // The topics are encrypted with Shepherd's key.
  notify: own('sns:Publish', 'kms:GenerateDataKey'),
  releaseRun: own('dynamodb:GetItem', 'dynamodb:UpdateItem'),
  closeDataWindow: own('dynamodb:UpdateItem'),
  createTrainingJob: [
    {
      actions: ['sagemaker:CreateTrainingJob', 'sagemaker:AddTags'],
      on: (l, arn) =>
        ifJob(l, () => [arn('sagemaker', `training-job/${trainingJobName(trainingRunName(l.name, 't', AT), 1)}`)]),
    },
    { actions: ['iam:PassRole'], on: (l) => ifJob(l, () => [trainingRole(l)]) },
  ],
  createTuningJob: [
    {
      actions: ['sagemaker:CreateHyperParameterTuningJob', 'sagemaker:AddTags'],
      on: (l, arn) =>
        ifTuning(l, () => [arn('sagemaker', `hyper-parameter-tuning-job/${tuningRunName(l.name, 't', AT)}`)]),
    },
    { actions: ['iam:PassRole'], on: (l) => ifTuning(l, () => [trainingRole(l)]) },
  ],
  startPipelineExecution: [
    {
      actions: ['sagemaker:StartPipelineExecution'],
      on: (l, arn) => (l.training.type === 'pipeline' ? [arn('sagemaker', `pipeline/${l.training.pipelineName}`)] : []),
    },
    // The execution's ARN is written on the run.
    { actions: ['dynamodb:UpdateItem'] },
  ],
  // Pipelines register their own models.
  createModelPackage: [
    {
      actions: ['sagemaker:CreateModelPackage'],
      on: (l, arn) =>
        l.training.type === 'pipeline' ? [] : [arn('sagemaker', `model-package-group/${l.modelPackageGroup}`)],
    },
  ],
  createModel: [
    { actions: ['sagemaker:CreateModel', 'sagemaker:AddTags'], on: model },
    { actions: ['iam:PassRole'], on: (l) => deployed(l, () => [l.deployment!.executionRoleArn]) },
  ],
  createEndpointConfig: [{ actions: ['sagemaker:CreateEndpointConfig', 'sagemaker:AddTags'], on: config }],
  createEndpoint: [{ actions: ['sagemaker:CreateEndpoint', 'sagemaker:AddTags'], on: endpoint }],
  // The endpoint is described first: one busy with its own update defers the request.
  updateEndpoint: [{ actions: ['sagemaker:DescribeEndpoint', 'sagemaker:UpdateEndpoint'], on: endpoint }],
  updateWeights: [
    { actions: ['sagemaker:DescribeEndpoint', 'sagemaker:UpdateEndpointWeightsAndCapacities'], on: endpoint },
  ],
  deleteEndpointConfig: [{ actions: ['sagemaker:DeleteEndpointConfig'], on: config }],
  deleteModel: [{ actions: ['sagemaker:DeleteModel'], on: model }],
  rejectModelPackage: [
    { actions: ['sagemaker:UpdateModelPackage'], on: (l, arn) => deployed(l, () => packageOf(l, arn)) },
  ],
  decideModelPackage: [{ actions: ['sagemaker:UpdateModelPackage'], on: packageOf }],
  createCompilationJob: [
    { actions: ['sagemaker:CreateCompilationJob', 'sagemaker:AddTags'], on: compilationJobs },
    { actions: ['iam:PassRole'], on: (l) => l.edgeTargets.map((t) => t.roleArn) },
  ],
  stopCompilationJob: [{ actions: ['sagemaker:StopCompilationJob'], on: compilationJobs }],
  // Scalable targets have generated ARNs (`*`); a target-tracking policy keeps its alarms in the caller's name.
  deregisterScaling: own('application-autoscaling:DeregisterScalableTarget'),
  registerScaling: [
    { actions: ['application-autoscaling:RegisterScalableTarget', 'application-autoscaling:PutScalingPolicy'] },
    {
      actions: ['cloudwatch:PutMetricAlarm'],
      on: (l, arn) => deployed(l, (e) => [arn('cloudwatch', `alarm:TargetTracking-endpoint/${e}/AlarmHigh-x`)]),
    },
  ],
  // Drift monitoring's: the reconciler's alone.
  createDataQualityJobDefinition: monitoring('CreateDataQualityJobDefinition'),
  createMonitoringSchedule: monitoring('CreateMonitoringSchedule'),
  updateMonitoringSchedule: monitoring('UpdateMonitoringSchedule'),
  deleteMonitoringSchedule: monitoring('DeleteMonitoringSchedule'),
  putMetricAlarm: [
    {
      actions: ['cloudwatch:PutMetricAlarm'],
      on: (l, arn) => (l.monitoring ? deployed(l, (e) => [arn('cloudwatch', `alarm:${monitoredAlarmName(e)}`)]) : []),
    },
  ],
  // A baseline suggested from the training data: only a line that asks for one.
  createProcessingJob: [
    {
      actions: ['sagemaker:CreateProcessingJob'],
      on: (l, arn) =>
        l.monitoring && 'fromTrainingData' in l.monitoring.baseline
          ? deployed(l, (e) => [arn('sagemaker', `processing-job/${baseliningJobName(e, pkg(l, 2).arn)}`)])
          : [],
    },
  ],
};
