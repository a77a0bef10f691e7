import { DescribeAlarmsCommand, ListMetricsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateDataQualityJobDefinitionCommand,
  DescribeDataQualityJobDefinitionCommand,
  DescribeMonitoringScheduleCommand,
} from '@aws-sdk/client-sagemaker';
import { handler as reconcile } from '../../functions/reconcile';
import { sagemaker } from '../helpers/aws';
import { createTable, putItem } from '../helpers/dynamo';
import { context, fixture, setClock } from '../helpers/events';
import { cloudwatch, resetCloudWatch } from '../helpers/hosting';
import { freshWorld } from '../helpers/function-world';

const V1 = 'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/1';
const V2 = 'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/2';
const NAMESPACE = 'aws/sagemaker/Endpoints/data-metrics';
const DIMENSIONS = [
  { Name: 'Endpoint', Value: 'churn-prod' },
  { Name: 'MonitoringSchedule', Value: 'churn-prod-monitor' },
];
const tick = (iso: string) => {
  setClock(iso);
  return reconcile(fixture('scheduled-event', { id: `tick-${iso}`, time: iso }), context('reconcile'));
};
const watched = () =>
  cloudwatch
    .commandCalls(PutMetricAlarmCommand)
    .at(-1)!
    .args[0].input.Metrics!.flatMap((m) => (m.MetricStat ? [m.MetricStat.Metric!.MetricName] : []));

/** churn-prod serves the promoted packages, each promoted at its time. */
async function promotions(...promoted: [string, string][]): Promise<void> {
  await putItem({
    pk: 'ENDPOINT#churn-prod',
    sk: 'DEPLOYMENT',
    endpoint: 'churn-prod',
    version: 3 + promoted.length,
    history: promoted.map(([arn, at], i) => ({ id: `d${i + 1}`, modelPackageArn: arn, outcome: 'promoted', at })),
    recent: promoted.map(([arn]) => arn),
    created: { models: [], configs: [] },
    outbox: {},
  });
}

/** Monitoring in place; its last execution completed at `hour`; the executions published these features' drift. */
function inPlace(hour: string | undefined, features: string[]): void {
  const definition = sagemaker.commandCalls(CreateDataQualityJobDefinitionCommand).at(-1)!.args[0].input
    .JobDefinitionName!;
  sagemaker.on(DescribeDataQualityJobDefinitionCommand).resolves({ JobDefinitionName: definition } as never);
  const execution = hour && {
    MonitoringExecutionStatus: 'CompletedWithViolations',
    ScheduledTime: new Date(`2026-11-27T${hour}:00:00Z`),
  };
  sagemaker.on(DescribeMonitoringScheduleCommand).resolves({
    MonitoringScheduleName: 'churn-prod-monitor',
    MonitoringScheduleStatus: 'Scheduled',
    MonitoringScheduleConfig: { MonitoringJobDefinitionName: definition, MonitoringType: 'DataQuality' },
    ...(execution ? { LastMonitoringExecutionSummary: execution } : {}),
  } as never);
  cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: 'shepherd-drift-churn-prod' }] });
  const metrics = features.map((f) => ({
    Namespace: NAMESPACE,
    MetricName: `feature_baseline_drift_${f}`,
    Dimensions: DIMENSIONS,
  }));
  cloudwatch.on(ListMetricsCommand).resolves({});
  cloudwatch.on(ListMetricsCommand, { Dimensions: [{ Name: 'Endpoint', Value: 'churn-prod' }] }).resolves({
    Metrics: metrics,
  });
}

beforeAll(createTable);
beforeEach(() => freshWorld({ alsoReset: [resetCloudWatch] }));

describe('reconcile: the drift alarm after a new model is promoted', () => {
  it('watches the features the new model’s executions publish, not the old model’s', async () => {
    // Prepare: v1 watched on tenure and age since its first execution
    await promotions([V1, '2026-11-27T00:44:00.000Z']);
    await tick('2026-11-27T00:45:00Z');
    inPlace(undefined, []);
    await tick('2026-11-27T00:46:00Z');
    inPlace('01', ['age', 'tenure']);
    await tick('2026-11-27T01:20:00Z');
    const before = watched();
    // v2, trained on other features, promoted at 05:30; its first execution ran at 06:00
    await promotions([V1, '2026-11-27T00:44:00.000Z'], [V2, '2026-11-27T05:30:00.000Z']);
    await tick('2026-11-27T05:31:00Z');
    inPlace('06', ['contract', 'tenure']);

    // Act
    await tick('2026-11-27T06:20:00Z');

    // Assess
    expect(before).toEqual(['feature_baseline_drift_age', 'feature_baseline_drift_tenure']);
    expect(watched()).toEqual(['feature_baseline_drift_contract', 'feature_baseline_drift_tenure']);
  });

  it('watches at most 10 of the new model’s features, asking only for metrics with recent data', async () => {
    // Prepare
    await promotions([V1, '2026-11-27T00:44:00.000Z']);
    await tick('2026-11-27T00:45:00Z');
    inPlace('01', ['age', 'tenure']);
    await tick('2026-11-27T01:20:00Z');
    await promotions([V1, '2026-11-27T00:44:00.000Z'], [V2, '2026-11-27T05:30:00.000Z']);
    await tick('2026-11-27T05:31:00Z');
    const twelve = Array.from({ length: 12 }, (_, i) => `f${String(i).padStart(2, '0')}`);
    inPlace('06', twelve);

    // Act
    await tick('2026-11-27T06:20:00Z');

    // Assess
    expect(watched()).toEqual(twelve.slice(0, 10).map((f) => `feature_baseline_drift_${f}`));
    expect(cloudwatch.commandCalls(ListMetricsCommand).at(-1)!.args[0].input.RecentlyActive).toBe('PT3H');
  });
});
