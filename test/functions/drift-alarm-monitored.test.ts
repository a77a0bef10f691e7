import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { PutEventsCommand, type PutEventsCommandInput } from '@aws-sdk/client-eventbridge';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import {
  CreateTrainingJobCommand,
  DescribeMonitoringScheduleCommand,
  DescribeProcessingJobCommand,
  ListModelPackagesCommand,
  ListMonitoringExecutionsCommand,
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { handler as describeDrift } from '../../functions/describe-drift';
import { handler as driftAlarm } from '../../functions/drift-alarm';
import { handler as reconcile } from '../../functions/reconcile';
import { cloudwatchAlarms, eventbridge, published, sagemaker } from '../helpers/aws';
import { createTable, timeline } from '../helpers/dynamo';
import { context, fixture, tickOf } from '../helpers/events';
import { freshWorld } from '../helpers/function-world';

const s3 = mockClient(S3Client);
const REPORTS = 's3://shepherd-example-artifacts/churn/monitoring/churn-prod/churn-prod-monitor/2026/11/27/01';
const JOB = 'model-monitoring-2026112701-churn-prod-monitor';
const report = (body: string) => ({ Body: { transformToString: async () => body } }) as never;

beforeAll(createTable);
beforeEach(async () => {
  await freshWorld({ clock: '2026-11-27T01:16:01Z', alsoReset: [() => s3.reset()], trainingJobStarts: true });
  sagemaker.on(ListMonitoringExecutionsCommand, { MonitoringScheduleName: 'churn-prod-monitor' }).resolves({
    MonitoringExecutionSummaries: [
      {
        MonitoringScheduleName: 'churn-prod-monitor',
        ScheduledTime: new Date('2026-11-27T01:00:00Z'),
        CreationTime: new Date('2026-11-27T01:05:00Z'),
        LastModifiedTime: new Date('2026-11-27T01:15:00Z'),
        MonitoringExecutionStatus: 'CompletedWithViolations',
        ProcessingJobArn: `arn:aws:sagemaker:us-east-1:123456789012:processing-job/${JOB}`,
      },
    ],
  });
  sagemaker.on(DescribeProcessingJobCommand).resolves({
    ProcessingJobName: JOB,
    ProcessingOutputConfig: { Outputs: [{ OutputName: 'result', S3Output: { S3Uri: REPORTS } }] },
  } as never);
});

// The one alarm event goes to both functions, by two rules: driftAlarm retrains, describeDrift reads why.
const alarmRaised = () => fixture('cloudwatch-alarm-state-change.monitored-drift-alarm');
/** DescribeAlarms finds the alarm Shepherd keeps in ALARM since 01:16:00.118; the registry has no approved model. */
const keptAlarmWentOffUnheard = () => {
  sagemaker.on(ListModelPackagesCommand).resolves({ ModelPackageSummaryList: [] });
  const changed = new Date('2026-11-27T01:16:00.118Z');
  cloudwatchAlarms.on(DescribeAlarmsCommand).resolves({
    MetricAlarms: [
      { AlarmName: 'shepherd-drift-churn-prod', StateValue: 'ALARM', StateTransitionedTimestamp: changed },
    ],
  });
};
/** A reconciler tick at `iso`. */
const tick = tickOf(reconcile, 'reconcile');

describe('driftAlarm and describeDrift: the alarm Shepherd keeps on a monitored endpoint', () => {
  it('retrains, then publishes Drift Detected with the features of the execution’s violations report', async () => {
    // Prepare
    const violations = {
      violations: [
        { feature_name: 'tenure', constraint_check_type: 'baseline_drift_check', description: 'distance 0.35' },
        { feature_name: 'monthly_charges', constraint_check_type: 'baseline_drift_check', description: '0.35' },
      ],
    };
    s3.on(GetObjectCommand).resolves(report(JSON.stringify(violations)));

    // Act
    const retrained = await driftAlarm(alarmRaised(), context());
    const described = await describeDrift(alarmRaised(), context());

    // Assess
    expect(sagemaker.commandCalls(DescribeProcessingJobCommand).map((c) => c.args[0].input)).toEqual([
      { ProcessingJobName: JOB },
    ]);
    expect(s3.commandCalls(GetObjectCommand).map((c) => c.args[0].input)).toEqual([
      {
        Bucket: 'shepherd-example-artifacts',
        Key: 'churn/monitoring/churn-prod/churn-prod-monitor/2026/11/27/01/constraint_violations.json',
      },
    ]);
    expect(published().map((e) => e.detailType)).toEqual(['Retraining Started', 'Drift Detected']);
    expect(published()[1]!.detail).toMatchObject({
      model: 'churn',
      endpointName: 'churn-prod',
      alarmName: 'shepherd-drift-churn-prod',
      features: ['tenure', 'monthly_charges'],
      executionScheduledAt: '2026-11-27T01:00:00.000Z',
      reportUri: `${REPORTS}/constraint_violations.json`,
    });
    expect(published()[0]!.detail).toMatchObject({ trigger: 'drift' });
    expect(sagemaker.commandCalls(CreateTrainingJobCommand)).toHaveLength(1);
    expect((await timeline('churn')).map((e) => e.type).sort()).toEqual(['DriftDetected', 'RetrainingStarted']);
    expect(retrained).toMatchObject({ status: 'done', outcome: 'retraining started' });
    expect(described).toMatchObject({ status: 'done', outcome: 'drift described' });
  });

  it('retrains without reading any report: driftAlarm carries no S3 client', async () => {
    // Act
    await driftAlarm(alarmRaised(), context());

    // Assess
    expect(sagemaker.commandCalls(CreateTrainingJobCommand)).toHaveLength(1);
    expect(s3.calls()).toHaveLength(0);
    expect(sagemaker.commandCalls(DescribeMonitoringScheduleCommand)).toHaveLength(0);
    expect(sagemaker.commandCalls(ListMonitoringExecutionsCommand)).toHaveLength(0);
  });

  it('describes the drift naming no feature when the execution left no report', async () => {
    // Prepare
    s3.on(GetObjectCommand).rejects(
      Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' }),
    );

    // Act
    await describeDrift(alarmRaised(), context());

    // Assess
    expect(published()).toEqual([
      expect.objectContaining({ detailType: 'Drift Detected', detail: expect.objectContaining({ features: [] }) }),
    ]);
    expect(sagemaker.commandCalls(CreateTrainingJobCommand)).toHaveLength(0);
  });

  it('fails for Lambda to retry a report it cannot read for another reason, and the retry reads it', async () => {
    // Prepare
    s3.on(GetObjectCommand).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));
    const event = alarmRaised();

    // Act
    const first = describeDrift(event, context());
    await expect(first).rejects.toThrow('Access Denied');
    s3.on(GetObjectCommand).resolves(report('{"violations": []}'));
    await describeDrift(event, context());

    // Assess
    expect(published().map((e) => e.detailType)).toEqual(['Drift Detected']);
  });

  it('describes the drift once however often the alarm event is delivered', async () => {
    // Prepare
    s3.on(GetObjectCommand).resolves(report('{"violations": []}'));
    const event = alarmRaised();
    await describeDrift(event, context());

    // Act
    const again = await describeDrift(event, context());

    // Assess
    expect(again).toMatchObject({ status: 'ignored', reason: 'this drift was described already' });
    expect(published().map((e) => e.detailType)).toEqual(['Drift Detected']);
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(1);
  });

  it('ignores an alarm that is not one Shepherd keeps, and reads nothing', async () => {
    // Act
    const result = await describeDrift(fixture('cloudwatch-alarm-state-change.drift-alarm'), context());

    // Assess
    expect(result).toMatchObject({ status: 'ignored' });
    expect(s3.calls()).toHaveLength(0);
  });

  it('has describeDrift describe a change whose event never reached it, asked by the reconciler, once', async () => {
    // Prepare: only driftAlarm heard the alarm go off at 01:16:00.118
    s3.on(GetObjectCommand).resolves(report(JSON.stringify({ violations: [] })));
    keptAlarmWentOffUnheard();
    await driftAlarm(alarmRaised(), context());

    // Act
    await tick('2026-11-27T01:17:00Z'); // a minute after the change: left to its event
    const early = published().length;
    await tick('2026-11-27T01:19:00Z');
    await tick('2026-11-27T01:20:00Z'); // asked already: not again while the request is fresh
    const requests = published().filter((e) => e.detailType === 'Drift Description Requested');
    const answered = await describeDrift(
      fixture('drift-description-requested', { detail: requests[0]!.detail }),
      context(),
    );
    await tick('2026-11-27T01:21:00Z'); // described: nothing more to ask
    const late = await describeDrift(alarmRaised(), context()); // the alarm's own event came after all

    // Assess
    expect(early).toBe(1);
    expect(requests).toEqual([
      {
        source: 'shepherd',
        detailType: 'Drift Description Requested',
        bus: expect.any(String),
        detail: { model: 'churn', alarmName: 'shepherd-drift-churn-prod', changedAt: '2026-11-27T01:16:00.118Z' },
      },
    ]);
    expect(s3.commandCalls(ListObjectsV2Command)).toHaveLength(0);
    expect(answered).toMatchObject({ status: 'done' });
    expect(published().map((e) => e.detailType)).toEqual([
      'Retraining Started',
      'Drift Description Requested',
      'Drift Detected',
    ]);
    expect(late).toMatchObject({ status: 'ignored', reason: 'this drift was described already' });
    expect(sagemaker.commandCalls(CreateTrainingJobCommand)).toHaveLength(1);
  });

  it('asks describeDrift for nothing when an event without the change time was described already', async () => {
    // Prepare: both functions heard the change at 01:16:00.118 from an event keyed by its own time, 01:16:02
    s3.on(GetObjectCommand).resolves(report(JSON.stringify({ violations: [] })));
    keptAlarmWentOffUnheard();
    const event = alarmRaised();
    event.time = '2026-11-27T01:16:02Z';
    delete event.detail.state.timestamp;
    await driftAlarm(event, context());
    await describeDrift(event, context());

    // Act
    await tick('2026-11-27T01:19:00Z');
    await tick('2026-11-27T01:35:00Z');

    // Assess
    expect(published().map((e) => e.detailType)).toEqual(['Retraining Started', 'Drift Detected']);
    expect(sagemaker.commandCalls(CreateTrainingJobCommand)).toHaveLength(1);
  });

  it('asks describeDrift again at the next tick when its request could not be put on the bus', async () => {
    // Prepare: neither function heard the alarm go off at 01:16:00.118, and the first PutEvents of the request fails
    keptAlarmWentOffUnheard();
    await driftAlarm(alarmRaised(), context());
    const requested = (input: PutEventsCommandInput) =>
      input.Entries?.[0]?.DetailType === 'Drift Description Requested';
    let failures = 1;
    eventbridge.on(PutEventsCommand).callsFake((input: PutEventsCommandInput) => {
      if (requested(input) && failures-- > 0) {
        throw Object.assign(new Error('bus unavailable'), { name: 'InternalException' });
      }
      return { FailedEntryCount: 0, Entries: [{ EventId: 'e' }] };
    });

    // Act
    const first = tick('2026-11-27T01:19:00Z');
    await first.catch(() => undefined);
    await tick('2026-11-27T01:20:00Z');

    // Assess
    await expect(first).rejects.toThrow(/bus unavailable/);
    const asked = eventbridge.commandCalls(PutEventsCommand).filter((c) => requested(c.args[0].input));
    expect(asked).toHaveLength(2);
  });

  it('retrains on a lost change at once; describeDrift throws a report not readable yet, for a retry', async () => {
    // Prepare: neither function heard the alarm go off at 01:16:00.118
    s3.on(GetObjectCommand).rejects(Object.assign(new Error('Please reduce your request rate.'), { name: 'SlowDown' }));
    keptAlarmWentOffUnheard();
    await tick('2026-11-27T01:19:00Z');
    const [request] = published().filter((e) => e.detailType === 'Drift Description Requested');

    // Act
    const described = describeDrift(fixture('drift-description-requested', { detail: request!.detail }), context());

    // Assess
    await expect(described).rejects.toThrow(/reduce your request rate/);
    expect(sagemaker.commandCalls(CreateTrainingJobCommand)).toHaveLength(1);
    expect(published().map((e) => e.detailType)).toEqual(['Retraining Started', 'Drift Description Requested']);
  });

  it('asks describeDrift again after a quarter of an hour when it tried and gave up without describing', async () => {
    // Prepare: the reconciler asked at 01:19; describeDrift could not read the report yet and gave its claim back
    s3.on(GetObjectCommand).rejects(Object.assign(new Error('Please reduce your request rate.'), { name: 'SlowDown' }));
    keptAlarmWentOffUnheard();
    await tick('2026-11-27T01:19:00Z');
    const [request] = published().filter((e) => e.detailType === 'Drift Description Requested');
    const event = fixture('drift-description-requested', { detail: request!.detail });
    await expect(describeDrift(event, context())).rejects.toThrow(/reduce your request rate/);

    // Act
    await tick('2026-11-27T01:25:00Z'); // asked lately: not again yet
    await tick('2026-11-27T01:35:00Z');

    // Assess
    const asked = published().filter((e) => e.detailType === 'Drift Description Requested');
    expect(asked.map((e) => e.detail)).toEqual([request!.detail, request!.detail]);
  });
});
