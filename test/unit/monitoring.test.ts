import type { Action } from '../../shared/domain/actions';
import { convergeMonitoring, wantedDefinition, type MonitoredLine } from '../../shared/domain/monitoring/converge';
import { onMonitoringRefused, requestKey } from '../../shared/domain/monitoring/decision';
import { driftDetected, violationsOf } from '../../shared/domain/monitoring/drift';
import { driftAlarmRequest, driftMetricsOf } from '../../shared/domain/monitoring/drift-alarm';
import {
  emptyMonitoringState,
  lookDue,
  type MonitoringDecision,
  type MonitoringObservation,
  type MonitoringState,
} from '../../shared/domain/monitoring/state';
import { line } from '../helpers/config';
import { types } from '../helpers/actions';

const churn = line('churn') as unknown as MonitoredLine;
const at = new Date('2026-11-27T02:00:00Z');
const v1 = { arn: 'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/1', at: at.toISOString() };
const v2 = { ...v1, arn: v1.arn.replace(/1$/, '2') };
const definition = wantedDefinition(churn, v1.arn, undefined).definition!.JobDefinitionName;
const scheduled = { exists: true, status: 'Scheduled', definition };
const nothingYet: MonitoringObservation = {
  promoted: v1,
  jobDefinitionExists: false,
  schedule: { exists: false },
  alarmExists: false,
};

/** Converges from nothing, then observes everything in place, as the reconciler does over two ticks. */
function ensured(promoted = v1): MonitoringState {
  const first = convergeMonitoring(emptyMonitoringState('churn-prod'), churn, { ...nothingYet, promoted }, at).state!;
  const seen = { promoted, jobDefinitionExists: true, schedule: scheduled, alarmExists: true };
  return convergeMonitoring(first, churn, seen, at).state!;
}

describe('monitoring convergence', () => {
  it('watches nothing before a model is promoted on the endpoint', () => {
    // Act
    const d = convergeMonitoring(emptyMonitoringState('churn-prod'), churn, { ...nothingYet, promoted: undefined }, at);

    // Assess
    expect(d.actions).toEqual([]);
    expect(d.state).toBeUndefined();
  });

  it('creates the job definition, the schedule and the drift alarm after the first promotion', () => {
    // Act
    const d = convergeMonitoring(emptyMonitoringState('churn-prod'), churn, nothingYet, at);

    // Assess
    expect(types(d.actions)).toEqual(['createDataQualityJobDefinition', 'createMonitoringSchedule', 'putMetricAlarm']);
    const [job, schedule, alarm] = d.actions as [
      Extract<Action, { type: 'createDataQualityJobDefinition' }>,
      Extract<Action, { type: 'createMonitoringSchedule' }>,
      Extract<Action, { type: 'putMetricAlarm' }>,
    ];
    expect(job.request).toMatchObject({
      JobDefinitionName: expect.stringMatching(/^churn-prod-dq-[0-9a-f]{8}$/),
      DataQualityBaselineConfig: {
        ConstraintsResource: { S3Uri: 's3://shepherd-example-artifacts/churn/baseline/constraints.json' },
        StatisticsResource: { S3Uri: 's3://shepherd-example-artifacts/churn/baseline/statistics.json' },
      },
      DataQualityAppSpecification: { Environment: { publish_cloudwatch_metrics: 'Enabled' } },
      DataQualityJobInput: { EndpointInput: { EndpointName: 'churn-prod' } },
      RoleArn: 'arn:aws:iam::123456789012:role/shepherd-sagemaker-monitoring',
      StoppingCondition: { MaxRuntimeInSeconds: 3600 },
    });
    expect(schedule.request).toMatchObject({
      MonitoringScheduleName: 'churn-prod-monitor',
      MonitoringScheduleConfig: {
        ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' },
        MonitoringJobDefinitionName: job.request.JobDefinitionName,
        MonitoringType: 'DataQuality',
      },
    });
    expect(alarm.request).toMatchObject({
      AlarmName: 'shepherd-drift-churn-prod',
      Threshold: 0.1,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect(d.metrics).toEqual([]);
  });

  it('says Monitoring Ensured once everything is seen in place, once per promotion', () => {
    // Prepare
    const created = convergeMonitoring(emptyMonitoringState('churn-prod'), churn, nothingYet, at).state!;
    const inPlace = { promoted: v1, jobDefinitionExists: true, schedule: scheduled, alarmExists: true };

    // Act
    const first = convergeMonitoring(created, churn, inPlace, at);
    const again = convergeMonitoring(first.state!, churn, inPlace, at);
    const promotedAgain = convergeMonitoring(first.state!, churn, { ...inPlace, promoted: v2 }, at);

    // Assess
    expect(types(first.actions)).toEqual(['event:Monitoring Ensured']);
    expect(first.metrics).toEqual(['MonitoringEnsured']);
    expect(again.actions).toEqual([]);
    expect(types(promotedAgain.actions)).toEqual(['event:Monitoring Ensured']);
    const [event] = promotedAgain.actions.filter((a) => a.type === 'publishEvent');
    expect(event).toMatchObject({ detail: { modelPackageArn: v2.arn, monitoringScheduleName: 'churn-prod-monitor' } });
  });

  it('recreates a schedule that disappeared, with a warning alert', () => {
    // Act
    const d = convergeMonitoring(ensured(), churn, { ...nothingYet, jobDefinitionExists: true, alarmExists: true }, at);

    // Assess
    expect(types(d.actions)).toEqual(['createMonitoringSchedule', 'notify']);
    const [alert] = d.actions.filter((a) => a.type === 'notify');
    expect(alert).toMatchObject({
      notification: { kind: 'alert', severity: 'warning', message: expect.stringContaining('disappeared') },
    });
    expect(d.metrics).toEqual(['MonitoringRecreated']);
  });

  it('deletes and recreates a schedule that failed itself, alerting once per failure', () => {
    // Prepare
    const failed = {
      ...scheduled,
      status: 'Failed',
      failureReason: 'The role cannot be assumed',
      lastModified: '2026-11-27T01:00:00.000Z',
    };
    const seen = { promoted: v1, jobDefinitionExists: true, schedule: failed, alarmExists: true };

    // Act
    const d = convergeMonitoring(ensured(), churn, seen, at);
    const gone = convergeMonitoring(d.state!, churn, { ...seen, schedule: { exists: false } }, at);

    // Assess
    expect(types(d.actions)).toEqual(['deleteMonitoringSchedule', 'notify']);
    expect(d.actions.find((a) => a.type === 'notify')).toMatchObject({
      notification: { message: expect.stringContaining('The role cannot be assumed') },
    });
    expect(types(gone.actions)).toEqual(['createMonitoringSchedule']);
  });

  it('waits for a failed schedule it deleted to be gone: no second delete or alert, no Monitoring Ensured', () => {
    // Prepare: the schedule failed on its first creation; the next ticks still find it, failed or stopped by the delete
    const failed = { ...scheduled, status: 'Failed', failureReason: 'x', lastModified: '2026-11-27T01:00:00.000Z' };
    const seen = { promoted: v1, jobDefinitionExists: true, schedule: failed, alarmExists: true };
    const created = convergeMonitoring(emptyMonitoringState('churn-prod'), churn, nothingYet, at).state!;
    const deleted = convergeMonitoring(created, churn, seen, at);

    // Act
    const looks = [failed, failed, { ...failed, status: 'Stopped' }, { ...failed, status: 'Pending' }].reduce(
      (d, schedule) => {
        const next = convergeMonitoring(d.state, churn, { ...seen, schedule }, at);
        return { state: next.state ?? d.state, actions: [...d.actions, ...next.actions] };
      },
      { state: deleted.state!, actions: [] as Action[] },
    );
    const gone = convergeMonitoring(looks.state, churn, { ...seen, schedule: { exists: false } }, at);

    // Assess
    expect(types(deleted.actions)).toEqual(['deleteMonitoringSchedule', 'notify']);
    expect(looks.actions).toEqual([]);
    expect(types(gone.actions)).toEqual(['createMonitoringSchedule']);
  });

  it('says once that a schedule stopped by hand watches nothing; Monitoring Ensured only once it runs again', () => {
    // Prepare: the operator stopped the schedule in the console; then v2 is promoted.
    const stopped = { ...scheduled, status: 'Stopped', lastModified: '2026-11-27T01:30:00.000Z' };
    const seen = { promoted: v2, jobDefinitionExists: true, schedule: stopped, alarmExists: true };

    // Act
    const first = convergeMonitoring(ensured(), churn, seen, at);
    const again = convergeMonitoring(first.state!, churn, seen, at);
    const resumed = convergeMonitoring(again.state ?? first.state!, churn, { ...seen, schedule: scheduled }, at);

    // Assess
    expect(types(first.actions)).toEqual(['notify']);
    expect(first.actions.find((a) => a.type === 'notify')).toMatchObject({
      notification: { severity: 'warning', message: expect.stringContaining('stopped') },
    });
    expect(again.actions).toEqual([]);
    expect(types(resumed.actions)).toEqual(['event:Monitoring Ensured']);
  });

  it('alerts once, and keeps the schedule, while the executions of a quiet endpoint fail hour after hour', () => {
    // Prepare: nights without traffic leave the executions no captured data to read
    const failedAt = (hour: string, failureReason = 'Job inputs had no data') => ({
      promoted: v1,
      jobDefinitionExists: true,
      alarmExists: true,
      schedule: {
        ...scheduled,
        lastExecution: { status: 'Failed', scheduledAt: `2026-11-27T${hour}:00:00.000Z`, failureReason },
      },
    });
    const completedAt = (hour: string) => ({
      ...failedAt(hour),
      schedule: { ...scheduled, lastExecution: { status: 'Completed', scheduledAt: `2026-11-27T${hour}:00:00.000Z` } },
    });

    // Act
    const decisions: MonitoringDecision[] = [];
    let state = ensured();
    for (const seen of [failedAt('01'), failedAt('02'), failedAt('03'), completedAt('09'), failedAt('23')]) {
      const d = convergeMonitoring(state, churn, seen, at);
      decisions.push(d);
      state = d.state ?? state;
    }

    // Assess: one alert when the failures begin, none while they go on, one more after an execution completed
    expect(decisions.map((d) => types(d.actions))).toEqual([['notify'], [], [], [], ['notify']]);
    const [alert] = decisions[0]!.actions.filter((a) => a.type === 'notify');
    expect(alert).toMatchObject({
      notification: { severity: 'warning', message: expect.stringContaining('Job inputs had no data') },
    });
  });

  it('creates a new job definition and points the schedule at it when the baseline changes', () => {
    // Prepare
    const baseline = {
      constraintsS3Uri: 's3://shepherd-example-artifacts/churn/baseline-v2/constraints.json',
      statisticsS3Uri: 's3://shepherd-example-artifacts/churn/baseline-v2/statistics.json',
    };
    const changed = { ...churn, monitoring: { ...churn.monitoring, baseline } };
    const seen = { promoted: v1, jobDefinitionExists: false, schedule: scheduled, alarmExists: true };

    // Act
    const d = convergeMonitoring(ensured(), changed, seen, at);

    // Assess
    expect(types(d.actions)).toEqual(['createDataQualityJobDefinition', 'updateMonitoringSchedule']);
    const [create, update] = d.actions as [
      Extract<Action, { type: 'createDataQualityJobDefinition' }>,
      Extract<Action, { type: 'updateMonitoringSchedule' }>,
    ];
    expect(create.request.JobDefinitionName).not.toBe(definition);
    expect(update.request.MonitoringScheduleConfig?.MonitoringJobDefinitionName).toBe(create.request.JobDefinitionName);
  });

  it('moves the alarm onto the metrics the first execution published, wherever they were', () => {
    // Prepare
    const listed = [
      {
        Namespace: 'AWS/SageMaker',
        MetricName: 'Invocations',
        Dimensions: [{ Name: 'EndpointName', Value: 'churn-prod' }],
      },
      ...['tenure', 'monthly_charges'].map((f) => ({
        Namespace: 'aws/sagemaker/Endpoints/data-metrics',
        MetricName: `feature_baseline_drift_${f}`,
        Dimensions: [
          { Name: 'Endpoint', Value: 'churn-prod' },
          { Name: 'MonitoringSchedule', Value: 'churn-prod-monitor' },
        ],
      })),
    ];
    const metrics = driftMetricsOf('churn-prod-monitor', listed, []);
    const seen = { promoted: v1, jobDefinitionExists: true, schedule: scheduled, alarmExists: true, metrics };

    // Act
    const d = convergeMonitoring(ensured(), churn, seen, at);

    // Assess
    const [put] = d.actions.filter((a) => a.type === 'putMetricAlarm');
    expect(put).toEqual({
      type: 'putMetricAlarm',
      request: driftAlarmRequest('churn-prod', churn.monitoring, metrics),
    });
    expect(put!.request.Metrics.map((m) => m.MetricStat?.Metric?.MetricName ?? m.Expression)).toEqual([
      'feature_baseline_drift_monthly_charges',
      'feature_baseline_drift_tenure',
      'MAX([m0, m1])',
    ]);
    expect(put!.request.Metrics[0]!.MetricStat!.Metric!.Namespace).toBe('aws/sagemaker/Endpoints/data-metrics');
    expect(d.state?.metrics).toEqual(metrics);
  });

  it('does not ask again for a request AWS refused for good', () => {
    // Prepare
    const first = convergeMonitoring(emptyMonitoringState('churn-prod'), churn, nothingYet, at);
    const refused = { ...first.state!, refused: [requestKey(first.actions[0]!)] };

    // Act
    const d = convergeMonitoring(refused, churn, nothingYet, at);

    // Assess
    expect(d.actions).toEqual([]);
  });

  it('says a request refused for good once, critically, and remembers the last ten refused', () => {
    // Prepare: ten requests refused before
    const [request] = convergeMonitoring(emptyMonitoringState('churn-prod'), churn, nothingYet, at).actions;
    const before = { ...emptyMonitoringState('churn-prod'), refused: Array.from({ length: 10 }, (_, i) => `old:${i}`) };
    const error = { name: 'ResourceLimitExceeded', message: 'too many job definitions' };

    // Act
    const d = onMonitoringRefused(before, { model: 'churn', endpoint: 'churn-prod' }, request!, error, at);

    // Assess
    expect(d.state?.refused).toEqual([...before.refused.slice(1), requestKey(request!)]);
    expect(d.actions.map((action) => action.type)).toEqual(['record', 'notify']);
    expect(d.actions[0]).toMatchObject({ entry: { type: 'MonitoringRefused', model: 'churn' } });
    const notice = d.actions.find((action) => action.type === 'notify');
    expect(notice).toMatchObject({
      notification: {
        severity: 'critical',
        subject: expect.stringContaining('drift monitoring of churn-prod refused'),
        message: expect.stringContaining('ResourceLimitExceeded: too many job definitions'),
      },
    });
  });

  it('looks at once after a promotion or with pending requests, otherwise every ten minutes', () => {
    // Prepare
    const state = ensured();
    const minute = (m: number) => new Date(Date.parse('2026-11-27T02:00:00Z') + m * 60_000);

    // Act
    const looks = [0, 1, 9, 10, 11].map((m) => lookDue(state, v1.arn, 0, minute(m)));

    // Assess
    expect(looks).toEqual([true, false, false, true, false]);
    expect(lookDue(state, v2.arn, 0, minute(1))).toBe(true);
    expect(lookDue(state, v1.arn, 1, minute(1))).toBe(true);
  });
});

describe('a baseline suggested from the training data of each promoted model', () => {
  const suggested = {
    ...churn,
    monitoring: {
      ...churn.monitoring,
      baseline: { fromTrainingData: { channel: 'train', format: 'csv' as const, header: true } },
    },
  };
  const job = (arn: string) => wantedDefinition(suggested, arn, undefined).job;

  it('starts the baselining job over the training channel, and schedules nothing before its baseline', () => {
    // Act
    const d = convergeMonitoring(emptyMonitoringState('churn-prod'), suggested, nothingYet, at);

    // Assess
    expect(types(d.actions)).toEqual(['createProcessingJob', 'putMetricAlarm']);
    expect(d.actions[0]).toMatchObject({
      request: {
        ProcessingJobName: expect.stringMatching(/^churn-prod-baseline-[0-9a-f]{8}$/),
        ProcessingInputs: [{ S3Input: { S3Uri: 's3://shepherd-example-data/churn/incoming/' } }],
        ProcessingOutputConfig: {
          Outputs: [
            { S3Output: { S3Uri: `s3://shepherd-example-artifacts/churn/monitoring/baselines/${job(v1.arn)}` } },
          ],
        },
        AppSpecification: { ImageUri: churn.monitoring.analyzerImage },
        Environment: {
          dataset_format: '{"csv":{"header":true,"output_columns_position":"START"}}',
          dataset_source: '/opt/ml/processing/input/baseline_dataset_input',
          output_path: '/opt/ml/processing/output',
          publish_cloudwatch_metrics: 'Disabled',
        },
        RoleArn: 'arn:aws:iam::123456789012:role/shepherd-sagemaker-monitoring',
      },
    });
  });

  it('uses the baseline the job wrote once it completed, naming the job', () => {
    // Act
    const d = convergeMonitoring(
      emptyMonitoringState('churn-prod'),
      suggested,
      {
        ...nothingYet,
        baselining: { status: 'Completed' },
      },
      at,
    );

    // Assess
    expect(types(d.actions)).toEqual(['createDataQualityJobDefinition', 'createMonitoringSchedule', 'putMetricAlarm']);
    const out = `s3://shepherd-example-artifacts/churn/monitoring/baselines/${job(v1.arn)}`;
    expect(d.actions[0]).toMatchObject({
      request: {
        DataQualityBaselineConfig: {
          BaseliningJobName: job(v1.arn),
          ConstraintsResource: { S3Uri: `${out}/constraints.json` },
          StatisticsResource: { S3Uri: `${out}/statistics.json` },
        },
      },
    });
  });

  it('keeps the previous baseline when the next promotion’s baselining job fails, alerting once', () => {
    // Prepare
    const first = convergeMonitoring(
      emptyMonitoringState('churn-prod'),
      suggested,
      {
        ...nothingYet,
        baselining: { status: 'Completed' },
      },
      at,
    ).state!;
    const previous = wantedDefinition(suggested, v1.arn, { status: 'Completed' }).definition!.JobDefinitionName;
    const inPlace = {
      promoted: v2,
      jobDefinitionExists: false,
      schedule: { ...scheduled, definition: previous },
      alarmExists: true,
      baselining: { status: 'Failed', failureReason: 'no data in s3://…/churn/incoming/' },
    };
    const seen = { ...first, jobDefinition: previous };

    // Act
    const d = convergeMonitoring(seen, suggested, inPlace, at);
    const again = convergeMonitoring(d.state!, suggested, inPlace, at);

    // Assess
    expect(types(d.actions)).toEqual(['notify']);
    expect(d.actions.find((a) => a.type === 'notify')).toMatchObject({
      notification: { message: expect.stringContaining(`the monitor keeps ${previous}`) },
    });
    expect(again.actions).toEqual([]);
  });
});

describe('drift detected', () => {
  it('names the features with a baseline drift violation, once each', () => {
    // Act
    const found = violationsOf({
      violations: [
        { feature_name: 'tenure', constraint_check_type: 'baseline_drift_check', description: 'distance 0.35' },
        { feature_name: 'tenure', constraint_check_type: 'baseline_drift_check', description: 'again' },
        { feature_name: 'plan', constraint_check_type: 'completeness_check', description: 'nulls' },
      ],
    });

    // Assess
    expect(found).toEqual({ drifted: ['tenure'], other: ['plan: completeness_check'] });
  });

  it('publishes Drift Detected with the drifted features, and an empty list when there was no report', () => {
    // Prepare
    const alarm = { name: 'shepherd-drift-churn-prod', eventId: 'e-1', at: at.toISOString() };
    const report = { violations: [{ feature_name: 'tenure', constraint_check_type: 'baseline_drift_check' }] };

    // Act
    const withReport = driftDetected(churn, alarm, { report, reportUri: 's3://b/k/constraint_violations.json' });
    const without = driftDetected(churn, alarm, {});

    // Assess
    expect(withReport.find((a) => a.type === 'publishEvent')).toEqual({
      type: 'publishEvent',
      detailType: 'Drift Detected',
      detail: expect.objectContaining({ features: ['tenure'], reportUri: 's3://b/k/constraint_violations.json' }),
    });
    expect(without.find((a) => a.type === 'publishEvent')).toMatchObject({ detail: { features: [] } });
  });

  it('keeps Drift Detected within an EventBridge entry and a DynamoDB item when the report is huge', () => {
    // Prepare: a wide data set whose every column drifted and changed type (EventBridge: 256 KB; DynamoDB: 400 KB)
    const alarm = { name: 'shepherd-drift-churn-prod', eventId: 'e-1', at: at.toISOString() };
    const column = (i: number) => `customer_attribute_with_a_rather_long_header_name_${String(i).padStart(5, '0')}`;
    const violations = Array.from({ length: 5000 }, (_, i) => [
      { feature_name: column(i), constraint_check_type: 'baseline_drift_check' },
      { feature_name: column(i), constraint_check_type: 'data_type_check' },
    ]).flat();

    // Act
    const actions = driftDetected(churn, alarm, { report: { violations } });

    // Assess
    const event = actions.find((a) => a.type === 'publishEvent');
    const entry = actions.find((a) => a.type === 'record');
    expect(Buffer.byteLength(JSON.stringify(event))).toBeLessThan(64 * 1024);
    expect(Buffer.byteLength(JSON.stringify(entry))).toBeLessThan(64 * 1024);
    expect(event).toMatchObject({
      detail: {
        features: expect.arrayContaining([column(0)]),
        featureCount: 5000,
        otherViolationCount: 5000,
      },
    });
    expect(entry).toMatchObject({ entry: { message: expect.stringContaining('5000 features') } });
  });
});
