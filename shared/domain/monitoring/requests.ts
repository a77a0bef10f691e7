// Model Monitor's requests for a monitored line, in the SDK's own types (see ../sdk.ts). Names are deterministic:
// the job definition's carries a hash of what it says (definitions cannot be changed, only replaced).
import type { PutMetricAlarmInput } from '@aws-sdk/client-cloudwatch';
import type {
  CreateDataQualityJobDefinitionRequest,
  CreateMonitoringScheduleRequest,
  DataCaptureConfig,
  ProcessingInstanceType,
} from '@aws-sdk/client-sagemaker';
import type { MonitoringConfig } from '../../config/monitoring-schema';
import { monitoredAlarmName } from './alarm-name';
import type { ResolvedBaseline } from './baseline';
import { boundedName, shortHash } from '../names';
import type { WithFields } from '../sdk';

export type JobDefinitionRequest = WithFields<
  CreateDataQualityJobDefinitionRequest,
  'JobDefinitionName' | 'DataQualityJobInput'
>;
export type ScheduleRequest = WithFields<CreateMonitoringScheduleRequest, 'MonitoringScheduleName'>;
export type AlarmRequest = WithFields<PutMetricAlarmInput, 'AlarmName' | 'Metrics'>;

/** The metrics the schedule's executions publish, as ListMetrics found them. */
export interface DriftMetrics {
  namespace: string;
  dimensions: { Name: string; Value: string }[];
  metricNames: string[];
}

export const DRIFT_METRIC_PREFIX = 'feature_baseline_drift_';
// Where the Model Monitor guide says data-quality metrics go, until the first execution shows where they really are
// (docs/aws-model-monitor.md: the guides name three variants).
export const DOCUMENTED_NAMESPACE = '/aws/sagemaker/Endpoints/data-metric';
// A metric math alarm retrieves at most 10 metrics (its expressions apart): ten drift metrics and the MAX over them.
const MAX_WATCHED = 10;

export const scheduleName = (endpoint: string): string => boundedName(endpoint, 'monitor');

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

/**
 * The line's drift alarm: the largest drift distance of the watched features above the threshold. Before the
 * first execution published anything it watches the documented place, and missing data is not a breach. One
 * breaching execution in two periods alarms, so an execution that starts late (up to 20 minutes) leaves no gap.
 */
export function driftAlarmRequest(endpoint: string, m: MonitoringConfig, found?: DriftMetrics): AlarmRequest {
  const schedule = scheduleName(endpoint);
  const watched = found ?? {
    namespace: DOCUMENTED_NAMESPACE,
    dimensions: [
      { Name: 'Endpoint', Value: endpoint },
      { Name: 'MonitoringSchedule', Value: schedule },
    ],
    metricNames: (m.alarm.features.length ? m.alarm.features : ['']).map((f) => `${DRIFT_METRIC_PREFIX}${f}`),
  };
  const names = watched.metricNames.slice(0, MAX_WATCHED);
  const single = names.length === 1;
  const metrics = names.map((name, i) => ({
    Id: `m${i}`,
    MetricStat: {
      Metric: { Namespace: watched.namespace, MetricName: name, Dimensions: watched.dimensions },
      Period: 3600,
      Stat: 'Maximum',
    },
    ReturnData: single,
  }));
  const expression = { Id: 'drift', Expression: `MAX([${names.map((_, i) => `m${i}`).join(', ')}])`, ReturnData: true };
  return {
    AlarmName: monitoredAlarmName(endpoint),
    AlarmDescription: `Shepherd: Model Monitor found drift on ${endpoint} (schedule ${schedule}); retrains the model`,
    Metrics: single ? metrics : [...metrics, expression],
    Threshold: m.alarm.threshold,
    ComparisonOperator: 'GreaterThanThreshold',
    EvaluationPeriods: 2,
    DatapointsToAlarm: 1,
    TreatMissingData: 'notBreaching',
  };
}

/** From ListMetrics' answers: the drift metrics of this schedule, wherever they were published. */
export function driftMetricsOf(
  schedule: string,
  listed: { Namespace?: string; MetricName?: string; Dimensions?: { Name?: string; Value?: string }[] }[],
  features: string[],
): DriftMetrics | undefined {
  const ours = listed.filter(
    (x) => x.MetricName?.startsWith(DRIFT_METRIC_PREFIX) && x.Dimensions?.some((d) => d.Value === schedule),
  );
  const first = ours[0];
  if (!first?.Namespace) return undefined;
  const same = ours.filter((x) => x.Namespace === first.Namespace);
  const wanted = (name: string) => !features.length || features.includes(name.slice(DRIFT_METRIC_PREFIX.length));
  const metricNames = [...new Set(same.map((x) => x.MetricName!).filter(wanted))].sort();
  if (!metricNames.length) return undefined;
  const dimensions = (first.Dimensions ?? []).map((d) => ({ Name: d.Name ?? '', Value: d.Value ?? '' }));
  return { namespace: first.Namespace, dimensions, metricNames };
}
