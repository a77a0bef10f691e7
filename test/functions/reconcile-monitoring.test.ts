import { DescribeAlarmsCommand, ListMetricsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateDataQualityJobDefinitionCommand,
  CreateMonitoringScheduleCommand,
  CreateProcessingJobCommand,
  DeleteMonitoringScheduleCommand,
  DescribeDataQualityJobDefinitionCommand,
  DescribeMonitoringScheduleCommand,
  DescribeProcessingJobCommand,
  DescribeTrainingJobCommand,
} from '@aws-sdk/client-sagemaker';
import { handler as reconcile } from '../../functions/reconcile';
import { config } from '../../shared/runtime/config';
import { notFound, notificationsSent, published, sagemaker } from '../helpers/aws';
import { putPromoted } from '../helpers/canary';
import { createTable, monitoringItem, putItem } from '../helpers/dynamo';
import { context, fixture, setClock } from '../helpers/events';
import { cloudwatch, resetCloudWatch } from '../helpers/hosting';
import { freshWorld } from '../helpers/function-world';

const V1 = 'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/1';
const DEFINITION = /^churn-prod-dq-[0-9a-f]{8}$/;
const tick = (iso: string) => {
  setClock(iso);
  return reconcile(fixture('scheduled-event', { id: `tick-${iso}`, time: iso }), context('reconcile'));
};
const created = () => sagemaker.commandCalls(CreateDataQualityJobDefinitionCommand).map((c) => c.args[0].input);
const schedules = () => sagemaker.commandCalls(CreateMonitoringScheduleCommand).map((c) => c.args[0].input);
const alarmsPut = () => cloudwatch.commandCalls(PutMetricAlarmCommand).map((c) => c.args[0].input);

/** churn-prod serves v1 since its first deployment ended promoted. */
const PROMOTED = { promoted: '2026-11-27T00:44:00.000Z', approved: '2026-11-27T00:30:00.000Z' };

/** What SageMaker and CloudWatch say once Shepherd's requests went through. */
function inPlace(definition: string, lastExecution?: Record<string, unknown>): void {
  sagemaker.on(DescribeDataQualityJobDefinitionCommand).resolves({ JobDefinitionName: definition } as never);
  sagemaker.on(DescribeMonitoringScheduleCommand).resolves({
    MonitoringScheduleName: 'churn-prod-monitor',
    MonitoringScheduleStatus: 'Scheduled',
    MonitoringScheduleConfig: { MonitoringJobDefinitionName: definition, MonitoringType: 'DataQuality' },
    ...(lastExecution ? { LastMonitoringExecutionSummary: lastExecution } : {}),
  } as never);
  cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: 'shepherd-drift-churn-prod' }] });
}

beforeAll(createTable);
beforeEach(async () => {
  await freshWorld({ alsoReset: [resetCloudWatch] });
  await putPromoted(1, PROMOTED);
});

describe('reconcile: drift monitoring of a promoted endpoint', () => {
  it('creates the data-quality job definition, the hourly schedule and the drift alarm', async () => {
    // Act
    await tick('2026-11-27T00:45:00Z');

    // Assess
    expect(created()).toEqual([
      {
        JobDefinitionName: expect.stringMatching(DEFINITION),
        DataQualityBaselineConfig: {
          ConstraintsResource: { S3Uri: 's3://shepherd-example-artifacts/churn/baseline/constraints.json' },
          StatisticsResource: { S3Uri: 's3://shepherd-example-artifacts/churn/baseline/statistics.json' },
        },
        DataQualityAppSpecification: {
          ImageUri: '156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer',
          Environment: { publish_cloudwatch_metrics: 'Enabled' },
        },
        DataQualityJobInput: {
          EndpointInput: { EndpointName: 'churn-prod', LocalPath: '/opt/ml/processing/input/endpoint' },
        },
        DataQualityJobOutputConfig: {
          MonitoringOutputs: [
            {
              S3Output: {
                S3Uri: 's3://shepherd-example-artifacts/churn/monitoring/',
                LocalPath: '/opt/ml/processing/output',
                S3UploadMode: 'EndOfJob',
              },
            },
          ],
        },
        JobResources: { ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.xlarge', VolumeSizeInGB: 20 } },
        RoleArn: 'arn:aws:iam::123456789012:role/shepherd-sagemaker-monitoring',
        StoppingCondition: { MaxRuntimeInSeconds: 3600 },
        Tags: [{ Key: 'shepherd:model', Value: 'churn' }],
      },
    ]);
    expect(schedules()).toEqual([
      {
        MonitoringScheduleName: 'churn-prod-monitor',
        MonitoringScheduleConfig: {
          ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' },
          MonitoringJobDefinitionName: created()[0]!.JobDefinitionName,
          MonitoringType: 'DataQuality',
        },
        Tags: [{ Key: 'shepherd:model', Value: 'churn' }],
      },
    ]);
    expect(alarmsPut()).toEqual([
      expect.objectContaining({
        AlarmName: 'shepherd-drift-churn-prod',
        Metrics: [
          {
            Id: 'm0',
            MetricStat: {
              Metric: {
                Namespace: '/aws/sagemaker/Endpoints/data-metric',
                MetricName: 'feature_baseline_drift_',
                Dimensions: [
                  { Name: 'Endpoint', Value: 'churn-prod' },
                  { Name: 'MonitoringSchedule', Value: 'churn-prod-monitor' },
                ],
              },
              Period: 3600,
              Stat: 'Maximum',
            },
            ReturnData: true,
          },
        ],
        Threshold: 0.1,
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 2,
        DatapointsToAlarm: 1,
        TreatMissingData: 'notBreaching',
      }),
    ]);
    expect(published()).toEqual([]);
  });

  it('converges monitoring though the line’s retraining fails in the same tick, then fails the tick', async () => {
    // Prepare: a training of churn gone quiet, which SageMaker does not let Shepherd look up
    const at = '2026-11-26T20:00:00.000Z';
    await putItem({
      pk: 'MODEL#churn',
      sk: 'TRAINING',
      model: 'churn',
      version: 2,
      window: { gen: 1, sources: {}, openedAt: at },
      inFlight: {
        kind: 'job',
        runName: 'churn-quiet',
        attempt: 0,
        jobName: 'churn-quiet',
        trigger: { reason: 'schedule', id: 'firing-0', at },
        window: { objects: 0, bytes: 0 },
        startedAt: at,
        lastHeardAt: at,
      },
      starts: [at],
      recent: [],
      outbox: {},
    });
    const denied = Object.assign(new Error('not authorized to perform sagemaker:DescribeTrainingJob'), {
      name: 'AccessDeniedException',
    });
    sagemaker.on(DescribeTrainingJobCommand).rejects(denied);

    // Act
    const result = tick('2026-11-27T00:45:00Z');

    // Assess
    await expect(result).rejects.toThrow('reconcile failed for churn (AccessDeniedException');
    expect(created()).toEqual([expect.objectContaining({ JobDefinitionName: expect.stringMatching(DEFINITION) })]);
    expect(schedules()).toHaveLength(1);
  });

  it('keeps monitoring the promoted model after more rollbacks than the deployment history keeps', async () => {
    // Prepare: v1 promoted, then 20 candidates rolled back, the last 20 deployments the history keeps
    const rolledBack = Array.from({ length: 20 }, (_, i) => ({
      id: `d${i + 2}`,
      modelPackageArn: V1.replace(/1$/, String(i + 2)),
      outcome: 'rolled_back',
      at: '2026-11-27T00:30:00.000Z',
    }));
    await putItem({
      pk: 'ENDPOINT#churn-prod',
      sk: 'DEPLOYMENT',
      endpoint: 'churn-prod',
      version: 90,
      history: rolledBack,
      lastPromoted: { id: 'd1', modelPackageArn: V1, outcome: 'promoted', at: '2026-11-26T00:44:00.000Z' },
      recent: [],
      created: { models: [], configs: [] },
      outbox: {},
    });

    // Act
    await tick('2026-11-27T00:45:00Z');

    // Assess
    expect(schedules()).toEqual([expect.objectContaining({ MonitoringScheduleName: 'churn-prod-monitor' })]);
    expect(alarmsPut()).toEqual([expect.objectContaining({ AlarmName: 'shepherd-drift-churn-prod' })]);
  });

  it('publishes Monitoring Ensured once everything is seen in place, and asks for nothing more', async () => {
    // Prepare
    await tick('2026-11-27T00:45:00Z');
    inPlace(created()[0]!.JobDefinitionName!);

    // Act
    await tick('2026-11-27T00:46:00Z');
    await tick('2026-11-27T00:50:00Z');

    // Assess
    expect(published().map((e) => e.detailType)).toEqual(['Monitoring Ensured']);
    expect(published()[0]!.detail).toMatchObject({
      model: 'churn',
      endpointName: 'churn-prod',
      modelPackageArn: V1,
      monitoringScheduleName: 'churn-prod-monitor',
      alarmName: 'shepherd-drift-churn-prod',
    });
    expect(created()).toHaveLength(1);
    expect(schedules()).toHaveLength(1);
    expect(alarmsPut()).toHaveLength(1);
  });

  it('puts the drift alarm back as configured when it was edited by hand, and leaves it alone as put', async () => {
    // Prepare: the alarm as Shepherd put it, then raised to a threshold no drift reaches in the console
    await tick('2026-11-27T00:45:00Z');
    inPlace(created()[0]!.JobDefinitionName!);
    const put = { ...alarmsPut()[0]!, StateValue: 'OK' };
    cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [put] } as never);
    await tick('2026-11-27T00:46:00Z');
    await tick('2026-11-27T00:50:00Z');
    const edited = { ...put, Threshold: 5, EvaluationPeriods: 24 };
    cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [edited] } as never);

    // Act
    await tick('2026-11-27T01:00:00Z');

    // Assess
    expect(alarmsPut()).toHaveLength(2);
    expect(alarmsPut()[1]).toEqual(alarmsPut()[0]);
    expect(alarmsPut()[1]).toMatchObject({ Threshold: 0.1, EvaluationPeriods: 2 });
  });

  it('moves the alarm onto the metrics the first execution published, found with ListMetrics', async () => {
    // Prepare
    await tick('2026-11-27T00:45:00Z');
    const definition = created()[0]!.JobDefinitionName!;
    inPlace(definition);
    await tick('2026-11-27T00:46:00Z');
    const execution = { MonitoringExecutionStatus: 'Completed', ScheduledTime: new Date('2026-11-27T01:00:00Z') };
    inPlace(definition, execution);
    const dimensions = [
      { Name: 'Endpoint', Value: 'churn-prod' },
      { Name: 'MonitoringSchedule', Value: 'churn-prod-monitor' },
    ];
    cloudwatch.on(ListMetricsCommand, { Dimensions: [{ Name: 'Endpoint', Value: 'churn-prod' }] }).resolves({
      Metrics: [
        {
          Namespace: 'aws/sagemaker/Endpoints/data-metrics',
          MetricName: 'feature_baseline_drift_tenure',
          Dimensions: dimensions,
        },
        {
          Namespace: 'aws/sagemaker/Endpoints/data-metrics',
          MetricName: 'feature_non_null_tenure',
          Dimensions: dimensions,
        },
      ],
    });
    cloudwatch.on(ListMetricsCommand, { Dimensions: [{ Name: 'EndpointName', Value: 'churn-prod' }] }).resolves({});

    // Act
    await tick('2026-11-27T01:20:00Z');

    // Assess
    expect(cloudwatch.commandCalls(ListMetricsCommand).map((c) => c.args[0].input.Dimensions)).toEqual([
      [{ Name: 'Endpoint', Value: 'churn-prod' }],
      [{ Name: 'EndpointName', Value: 'churn-prod' }],
    ]);
    expect(alarmsPut().at(-1)!.Metrics).toEqual([
      {
        Id: 'm0',
        MetricStat: {
          Metric: {
            Namespace: 'aws/sagemaker/Endpoints/data-metrics',
            MetricName: 'feature_baseline_drift_tenure',
            Dimensions: dimensions,
          },
          Period: 3600,
          Stat: 'Maximum',
        },
        ReturnData: true,
      },
    ]);
    expect((await monitoringItem())?.metrics).toMatchObject({ namespace: 'aws/sagemaker/Endpoints/data-metrics' });
  });

  it('alerts once when executions start failing, and keeps the schedule running', async () => {
    // Prepare: a quiet endpoint, its executions left no captured data to read at 01:00 and 02:00
    await tick('2026-11-27T00:45:00Z');
    const definition = created()[0]!.JobDefinitionName!;
    inPlace(definition);
    await tick('2026-11-27T00:46:00Z');
    const failedAt = (hour: string) => ({
      MonitoringExecutionStatus: 'Failed',
      ScheduledTime: new Date(`2026-11-27T${hour}:00:00Z`),
      FailureReason: 'Job inputs had no data',
    });

    // Act
    inPlace(definition, failedAt('01'));
    await tick('2026-11-27T01:20:00Z');
    inPlace(definition, failedAt('02'));
    await tick('2026-11-27T02:20:00Z');

    // Assess
    expect(sagemaker.commandCalls(DeleteMonitoringScheduleCommand)).toEqual([]);
    expect(schedules()).toHaveLength(1);
    expect(notificationsSent().map((n) => n.Subject)).toEqual([
      '[Shepherd] churn: drift monitoring of churn-prod: executions fail',
    ]);
    expect(notificationsSent()[0]!.Message).toContain('Job inputs had no data');
  });
});

describe('reconcile: a baseline suggested from the training data', () => {
  const churn = config.models.find((m) => m.name === 'churn')!;
  const named = churn.monitoring!.baseline;
  beforeEach(() => {
    churn.monitoring!.baseline = { fromTrainingData: { channel: 'train', format: 'csv', header: false } };
    sagemaker.on(DescribeProcessingJobCommand).rejects(notFound('Processing job'));
  });
  afterEach(() => {
    churn.monitoring!.baseline = named;
  });

  it('runs the baselining job over the training channel, then monitors with what it wrote', async () => {
    // Act
    await tick('2026-11-27T00:45:00Z');
    const [job] = sagemaker.commandCalls(CreateProcessingJobCommand).map((c) => c.args[0].input);
    const scheduledBefore = schedules().length;
    sagemaker.on(DescribeProcessingJobCommand).resolves({ ProcessingJobStatus: 'Completed' } as never);
    await tick('2026-11-27T00:56:00Z');

    // Assess
    expect(job).toMatchObject({
      ProcessingJobName: expect.stringMatching(/^churn-prod-baseline-[0-9a-f]{8}$/),
      ProcessingInputs: [{ S3Input: { S3Uri: 's3://shepherd-example-data/churn/incoming/' } }],
    });
    expect(scheduledBefore).toBe(0);
    expect(schedules()).toHaveLength(1);
    const out = `s3://shepherd-example-artifacts/churn/monitoring/baselines/${job!.ProcessingJobName}`;
    expect(created()[0]!.DataQualityBaselineConfig).toEqual({
      BaseliningJobName: job!.ProcessingJobName,
      ConstraintsResource: { S3Uri: `${out}/constraints.json` },
      StatisticsResource: { S3Uri: `${out}/statistics.json` },
    });
  });

  it('runs no second baselining job when the one whose baseline is monitored was deleted by hand', async () => {
    // Prepare: the baseline written and monitored; then a clean-up deletes the processing job (its name is free again)
    await tick('2026-11-27T00:45:00Z');
    sagemaker.on(DescribeProcessingJobCommand).resolves({ ProcessingJobStatus: 'Completed' } as never);
    await tick('2026-11-27T00:56:00Z');
    inPlace(created()[0]!.JobDefinitionName!);
    await tick('2026-11-27T00:57:00Z');
    sagemaker.on(DescribeProcessingJobCommand).rejects(notFound('Processing job'));

    // Act
    await tick('2026-11-27T01:00:00Z');
    await tick('2026-11-27T01:10:00Z');

    // Assess
    expect(sagemaker.commandCalls(CreateProcessingJobCommand)).toHaveLength(1);
    expect(created()).toHaveLength(1);
    expect(published().map((e) => e.detailType)).toEqual(['Monitoring Ensured']);
  });
});
