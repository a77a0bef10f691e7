// Which model line an event is about: every lookup in one place, with one rule for names. SageMaker's own names
// (endpoints, model package groups, pipelines) are matched without case, as SageMaker treats them (a name differing
// only in case is the same resource, and ARNs spell it in lower case); CloudWatch alarm names, S3 buckets and keys
// and Shepherd's own tags are matched exactly.
import { driftAlarmsOf } from '../domain/monitoring/alarm-name';
import type { DataTrigger } from '../config/model-line-schema';
import type { ModelLine } from '../config/schema';
import { isDeployedLine, type DeployedLine } from '../domain/deployment/line';
import { isTuningRunOf } from '../domain/names';
import { findDataTrigger } from '../domain/retraining/window';
import { config } from './config';

type JobLine = ModelLine & { training: { type: 'job' } };
type PipelineLine = ModelLine & { training: { type: 'pipeline' } };
type TuningLine = ModelLine & { training: { type: 'tuning' } };

const sameSageMakerName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The line a schedule or Shepherd's own records name. */
export const lineNamed = (name: string | undefined): ModelLine | undefined =>
  config.models.find((m) => m.name === name);

/** The line trained by jobs whose `shepherd:model` tag is this (Shepherd tags every job it starts). */
export const jobLineTagged = (model: string | undefined): JobLine | undefined =>
  config.models.find((m): m is JobLine => m.name === model && m.training.type === 'job');

/** The line whose run this tuning job is: Shepherd names every tuning job after its line (shared/domain/names.ts). */
export const tuningLineOf = (tuningJobName: string): TuningLine | undefined =>
  config.models.find((m): m is TuningLine => m.training.type === 'tuning' && isTuningRunOf(m.name, tuningJobName));

/** The line trained by the pipeline of this ARN (`arn:…:pipeline/<name>`, in lower case). */
export function pipelineLineOf(pipelineArn: string): PipelineLine | undefined {
  const name = pipelineArn.slice(pipelineArn.indexOf(':pipeline/') + ':pipeline/'.length).split('/')[0] ?? '';
  return config.models.find(
    (m): m is PipelineLine => m.training.type === 'pipeline' && sameSageMakerName(m.training.pipelineName, name),
  );
}

/** The line whose models are registered in this model package group. */
export const lineOfPackageGroup = (group: string): ModelLine | undefined =>
  config.models.find((m) => sameSageMakerName(m.modelPackageGroup, group));

/** The line deploying to this endpoint. */
export const lineOfEndpoint = (endpoint: string): DeployedLine | undefined =>
  config.models.filter(isDeployedLine).find((m) => sameSageMakerName(m.deployment.endpointName, endpoint));

/** The line this drift alarm retrains: one it names, or the one Shepherd keeps on a monitored endpoint. */
export const lineOfDriftAlarm = (alarmName: string): ModelLine | undefined =>
  config.models.find((m) => driftAlarmsOf(m).includes(alarmName));

/** Every line this abort alarm guards: one alarm may guard several endpoints (a shared dependency, a region). */
export const linesOfAbortAlarm = (alarmName: string): DeployedLine[] =>
  config.models.filter(isDeployedLine).filter((m) => m.deployment.abortAlarms.includes(alarmName));

/** The first line with a data trigger on this object's bucket and prefix, with that trigger. */
export function dataTriggerOf(bucket: string, key: string): { line: ModelLine; trigger: DataTrigger } | undefined {
  for (const line of config.models) {
    const trigger = findDataTrigger(line, bucket, key);
    if (trigger) return { line, trigger };
  }
  return undefined;
}

/** Every model line, for the reconciler's pass. */
export const allLines = (): ModelLine[] => config.models;
