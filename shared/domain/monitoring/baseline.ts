// The baseline a line's monitor compares with: the one the config names, or one a baselining job suggests from the
// training data of each promoted model (the built-in analyzer run as a processing job, as the SageMaker Python SDK's
// suggest_baseline runs it: docs/aws-model-monitor.md).
import type { ProcessingInstanceType } from '@aws-sdk/client-sagemaker';
import type { MonitoringConfig } from '../../config/monitoring-schema';
import type { Action } from '../actions';
import { record } from '../decisions';
import { boundedName, boundedNameStart, shortHash } from '../names';
import { alert } from '../notify';
import type { BaseliningRequest, ResolvedBaseline } from './requests';

/** What a baselining job looks like to the reconciler; undefined: there is none of that name. */
export interface BaseliningObservation {
  status: string;
  failureReason?: string;
}

export interface TrainingChannels {
  training: { type: string; inputChannels?: { name: string; s3Uri: string }[] };
}

const INPUT = '/opt/ml/processing/input/baseline_dataset_input';
const OUTPUT = '/opt/ml/processing/output';

/** One baselining job per promoted model of an endpoint. */
export const baseliningJobName = (endpoint: string, packageArn: string): string =>
  boundedName(endpoint, `baseline-${shortHash(packageArn, 8)}`);
/** How every baselining job of the endpoint is named, for its IAM resource pattern. */
export const baseliningJobsStart = (endpoint: string): string =>
  boundedNameStart(endpoint, 'baseline-'.length + 8, 'baseline-');

const outputOf = (m: MonitoringConfig, job: string) => `${m.outputS3Uri.replace(/\/+$/, '')}/baselines/${job}`;

/** The baseline as the config names it, or as the baselining job of this promotion wrote it. */
export function baselineOf(m: MonitoringConfig, job: string): ResolvedBaseline {
  if ('constraintsS3Uri' in m.baseline) return { ...m.baseline };
  const out = outputOf(m, job);
  return { constraintsS3Uri: `${out}/constraints.json`, statisticsS3Uri: `${out}/statistics.json`, jobName: job };
}

export function baseliningRequest(
  line: { name: string } & TrainingChannels,
  m: MonitoringConfig,
  job: string,
): BaseliningRequest | undefined {
  if (!('fromTrainingData' in m.baseline)) return undefined;
  const from = m.baseline.fromTrainingData;
  const data = line.training.inputChannels?.find((c) => c.name === from.channel)?.s3Uri;
  if (!data) return undefined;
  const format =
    from.format === 'csv'
      ? { csv: { header: from.header, output_columns_position: 'START' } }
      : { json: { lines: true } };
  return {
    ProcessingJobName: job,
    ProcessingInputs: [
      {
        InputName: 'baseline_dataset_input',
        S3Input: { S3Uri: data, LocalPath: INPUT, S3DataType: 'S3Prefix', S3InputMode: 'File' },
      },
    ],
    ProcessingOutputConfig: {
      Outputs: [
        {
          OutputName: 'monitoring_output',
          S3Output: { S3Uri: outputOf(m, job), LocalPath: OUTPUT, S3UploadMode: 'EndOfJob' },
        },
      ],
    },
    ProcessingResources: {
      ClusterConfig: {
        InstanceCount: m.instanceCount,
        InstanceType: m.instanceType as ProcessingInstanceType,
        VolumeSizeInGB: m.volumeSizeGb,
      },
    },
    StoppingCondition: { MaxRuntimeInSeconds: m.maxRuntimeSeconds },
    AppSpecification: { ImageUri: m.analyzerImage },
    Environment: {
      dataset_format: JSON.stringify(format),
      dataset_source: INPUT,
      output_path: OUTPUT,
      publish_cloudwatch_metrics: 'Disabled',
    },
    RoleArn: m.roleArn,
    Tags: [{ Key: 'shepherd:model', Value: line.name }],
  };
}

/**
 * While this promotion's baseline is not written: ask for the baselining job once, and say once if it failed. Until
 * then the schedule keeps the job definition of the previous promotion, if any (`state.jobDefinition`).
 */
export function baselineStep(
  state: { jobDefinition?: string; baselineAlerted?: string },
  line: { name: string; deployment: { endpointName: string }; monitoring: MonitoringConfig } & TrainingChannels,
  seen: BaseliningObservation | undefined,
  job: string,
  at: string,
): { actions: Action[]; alerted?: string } {
  const request = !seen && baseliningRequest(line, line.monitoring, job);
  if (request) return { actions: [{ type: 'createProcessingJob', request }] };
  const failed = seen && !/^(InProgress|Stopping)$/.test(seen.status);
  if (!failed || state.baselineAlerted === job) return { actions: [] };
  const endpoint = line.deployment.endpointName;
  const facts = { endpoint, baseliningJob: job };
  const why = `baselining job ${job} ended ${seen.status}: ${seen.failureReason ?? 'no reason given'}`;
  const kept = state.jobDefinition ? `the monitor keeps ${state.jobDefinition}` : 'the endpoint is not monitored yet';
  const title = `drift baseline for ${endpoint} failed`;
  return {
    alerted: job,
    actions: [
      record(line.name, at, `baseline-failed-${job}`, 'MonitoringBaselineFailed', `${why}; ${kept}`, facts),
      { type: 'notify', notification: alert(line.name, 'warning', title, `${why}; ${kept}`, facts) },
    ],
  };
}
