// The CloudWatch alarm Shepherd keeps on a monitored endpoint's drift metrics, in the SDK's own types (see
// ../sdk.ts), and where those metrics are: the schedule publishes them, so they are found by its name.
import type { MetricAlarm, PutMetricAlarmInput } from '@aws-sdk/client-cloudwatch';
import type { MonitoringConfig } from '../../config/monitoring-schema';
import type { WithFields } from '../sdk';
import { monitoredAlarmName } from './alarm-name';
import { scheduleName } from './requests';

export type AlarmRequest = WithFields<PutMetricAlarmInput, 'AlarmName' | 'Metrics'>;

/** What DescribeAlarms says of the alarm now: what an operator may have changed in the console. */
export type LiveAlarm = Pick<MetricAlarm, (typeof SETTINGS)[number] | 'MetricName' | 'Metrics'>;

const SETTINGS = [
  'Threshold',
  'ComparisonOperator',
  'EvaluationPeriods',
  'DatapointsToAlarm',
  'TreatMissingData',
] as const;
const watched = (metrics: LiveAlarm['Metrics']) =>
  metrics?.map((q) => q.Expression ?? q.MetricStat?.Metric?.MetricName).join();

/**
 * The alarm no longer says what Shepherd put (edited by hand): its hash in the state would not show it. A setting
 * DescribeAlarms leaves out is not taken for an edit.
 */
export const editedByHand = (live: LiveAlarm, wanted: AlarmRequest): boolean =>
  SETTINGS.some((k) => live[k] !== undefined && live[k] !== wanted[k]) ||
  live.MetricName !== undefined ||
  (live.Metrics !== undefined && watched(live.Metrics) !== watched(wanted.Metrics));

/** The metrics the schedule's executions publish, as ListMetrics found them. */
export interface DriftMetrics {
  namespace: string;
  dimensions: { Name: string; Value: string }[];
  metricNames: string[];
}

const DRIFT_METRIC_PREFIX = 'feature_baseline_drift_';
// Where the Model Monitor guide says data-quality metrics go, until the first execution shows where they really are
// (docs/aws-model-monitor.md: the guides name three variants).
const DOCUMENTED_NAMESPACE = '/aws/sagemaker/Endpoints/data-metric';
// A metric math alarm retrieves at most 10 metrics (its expressions apart): ten drift metrics and the MAX over them.
const MAX_WATCHED = 10;

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
