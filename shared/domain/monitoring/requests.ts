// Model Monitor's requests for a monitored line, in the SDK's own types (see ../sdk.ts). Names are deterministic:
// the job definition's carries a hash of what it says (definitions cannot be changed, only replaced).
import type {
  CreateDataQualityJobDefinitionRequest,
  CreateMonitoringScheduleRequest,
  CreateProcessingJobRequest,
  DataCaptureConfig,
  ProcessingInstanceType,
} from '@aws-sdk/client-sagemaker';
import type { MonitoringConfig } from '../../config/monitoring-schema';
import { boundedName, boundedNameStart, shortHash } from '../names';
import type { WithFields } from '../sdk';

export type BaseliningRequest = WithFields<CreateProcessingJobRequest, 'ProcessingJobName'>;

export interface ResolvedBaseline {
  constraintsS3Uri: string;
  statisticsS3Uri: string;
  /** The baselining job that suggested it, when one did. */
  jobName?: string;
}

export type JobDefinitionRequest = WithFields<
  CreateDataQualityJobDefinitionRequest,
  'JobDefinitionName' | 'DataQualityJobInput'
>;
export type ScheduleRequest = WithFields<CreateMonitoringScheduleRequest, 'MonitoringScheduleName'>;

export const scheduleName = (endpoint: string): string => boundedName(endpoint, 'monitor');
/** How every job definition of the endpoint is named (`<endpoint>-dq-<hash>`), for its IAM resource pattern. */
export const jobDefinitionsStart = (endpoint: string): string => boundedNameStart(endpoint, 'dq-'.length + 8, 'dq-');

/** Data capture rides along with every endpoint config: it cannot be switched on without a new config. */
export const dataCaptureConfig = (capture: MonitoringConfig['capture']): DataCaptureConfig => ({
  EnableCapture: true,
  InitialSamplingPercentage: capture.samplingPercent,
  DestinationS3Uri: capture.s3Uri,
  ...(capture.kmsKeyId ? { KmsKeyId: capture.kmsKeyId } : {}),
  CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
  CaptureContentTypeHeader: { CsvContentTypes: capture.csvContentTypes, JsonContentTypes: capture.jsonContentTypes },
});

const tags = (line: string) => [{ Key: 'shepherd:model', Value: line }];

export function jobDefinitionRequest(
  line: string,
  endpoint: string,
  m: MonitoringConfig,
  baseline: ResolvedBaseline,
): JobDefinitionRequest {
  const body = {
    DataQualityBaselineConfig: {
      ...(baseline.jobName ? { BaseliningJobName: baseline.jobName } : {}),
      ConstraintsResource: { S3Uri: baseline.constraintsS3Uri },
      StatisticsResource: { S3Uri: baseline.statisticsS3Uri },
    },
    DataQualityAppSpecification: {
      ImageUri: m.analyzerImage,
      // The built-in analyzer publishes the drift metrics only when asked (docs/aws-model-monitor.md).
      Environment: { publish_cloudwatch_metrics: 'Enabled' },
    },
    DataQualityJobInput: {
      EndpointInput: { EndpointName: endpoint, LocalPath: '/opt/ml/processing/input/endpoint' },
    },
    DataQualityJobOutputConfig: {
      MonitoringOutputs: [
        {
          S3Output: { S3Uri: m.outputS3Uri, LocalPath: '/opt/ml/processing/output', S3UploadMode: 'EndOfJob' as const },
        },
      ],
    },
    JobResources: {
      ClusterConfig: {
        InstanceCount: m.instanceCount,
        InstanceType: m.instanceType as ProcessingInstanceType,
        VolumeSizeInGB: m.volumeSizeGb,
      },
    },
    RoleArn: m.roleArn,
    StoppingCondition: { MaxRuntimeInSeconds: m.maxRuntimeSeconds },
  };
  return {
    JobDefinitionName: boundedName(endpoint, `dq-${shortHash(JSON.stringify(body), 8)}`),
    ...body,
    Tags: tags(line),
  };
}

export const scheduleRequest = (line: string, endpoint: string, m: MonitoringConfig, definition: string) =>
  ({
    MonitoringScheduleName: scheduleName(endpoint),
    MonitoringScheduleConfig: {
      ScheduleConfig: { ScheduleExpression: m.schedule },
      MonitoringJobDefinitionName: definition,
      MonitoringType: 'DataQuality',
    },
    Tags: tags(line),
  }) satisfies ScheduleRequest;
