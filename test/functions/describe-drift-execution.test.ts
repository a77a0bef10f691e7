import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DescribeMonitoringScheduleCommand,
  DescribeProcessingJobCommand,
  ListMonitoringExecutionsCommand,
  type MonitoringExecutionSummary,
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { handler as describeDrift } from '../../functions/describe-drift';
import { published, sagemaker } from '../helpers/aws';
import { createTable } from '../helpers/dynamo';
import { context, fixture } from '../helpers/events';
import { freshWorld } from '../helpers/function-world';

const s3 = mockClient(S3Client);
const OUTPUT = 's3://shepherd-example-artifacts/churn/monitoring/churn-prod/churn-prod-monitor/2026/11/27';
const job = (hour: string) => `model-monitoring-20261127${hour}-churn-prod-monitor`;
const report = (feature: string) =>
  ({
    Body: {
      transformToString: async () =>
        JSON.stringify({
          violations: [{ feature_name: feature, constraint_check_type: 'baseline_drift_check', description: 'd' }],
        }),
    },
  }) as never;

/** An execution of the churn-prod schedule at `hour` (UTC, 2026-11-27), ended as `status`. */
const execution = (hour: string, status: string, createdMinute = '05'): MonitoringExecutionSummary => ({
  MonitoringScheduleName: 'churn-prod-monitor',
  ScheduledTime: new Date(`2026-11-27T${hour}:00:00Z`),
  CreationTime: new Date(`2026-11-27T${hour}:${createdMinute}:00Z`),
  LastModifiedTime: new Date(`2026-11-27T${hour}:15:00Z`),
  MonitoringExecutionStatus: status as never,
  ProcessingJobArn: `arn:aws:sagemaker:us-east-1:123456789012:processing-job/${job(hour)}`,
});

/** Model Monitor ran at 01:00 (drift in tenure: the alarm went off at 01:16) and again at 02:00 (drift in age). */
function twoExecutions(): void {
  const executions = [execution('02', 'CompletedWithViolations'), execution('01', 'CompletedWithViolations')];
  sagemaker.on(DescribeMonitoringScheduleCommand).resolves({
    MonitoringScheduleName: 'churn-prod-monitor',
    LastMonitoringExecutionSummary: executions[0],
  } as never);
  sagemaker.on(ListMonitoringExecutionsCommand).callsFake((input) => ({
    MonitoringExecutionSummaries: executions.filter(
      (e) =>
        (!input.ScheduledTimeBefore || e.ScheduledTime! < input.ScheduledTimeBefore) &&
        (!input.ScheduledTimeAfter || e.ScheduledTime! > input.ScheduledTimeAfter),
    ),
  }));
  for (const hour of ['01', '02']) {
    sagemaker.on(DescribeProcessingJobCommand, { ProcessingJobName: job(hour) }).resolves({
      ProcessingJobName: job(hour),
      ProcessingOutputConfig: { Outputs: [{ OutputName: 'result', S3Output: { S3Uri: `${OUTPUT}/${hour}` } }] },
    } as never);
  }
  s3.on(GetObjectCommand, {
    Key: 'churn/monitoring/churn-prod/churn-prod-monitor/2026/11/27/01/constraint_violations.json',
  })
    .resolves(report('tenure'))
    .on(GetObjectCommand, {
      Key: 'churn/monitoring/churn-prod/churn-prod-monitor/2026/11/27/02/constraint_violations.json',
    })
    .resolves(report('age'));
}

beforeAll(createTable);
beforeEach(() => freshWorld({ clock: '2026-11-27T02:20:00Z', alsoReset: [() => s3.reset()] }));

describe('describeDrift, late', () => {
  it('describes the execution the alarm went off for, not a later one', async () => {
    // Prepare: the alarm went off at 01:16:00.118; its description comes after the 02:00 execution
    twoExecutions();

    // Act
    await describeDrift(fixture('cloudwatch-alarm-state-change.monitored-drift-alarm'), context());

    // Assess
    expect(sagemaker.commandCalls(ListMonitoringExecutionsCommand).map((c) => c.args[0].input)).toEqual([
      {
        MonitoringScheduleName: 'churn-prod-monitor',
        ScheduledTimeBefore: new Date('2026-11-27T01:16:00.118Z'),
        ScheduledTimeAfter: new Date('2026-11-26T22:16:00.118Z'),
        SortBy: 'ScheduledTime',
        SortOrder: 'Descending',
        MaxResults: 10,
      },
    ]);
    expect(published()).toEqual([
      expect.objectContaining({
        detailType: 'Drift Detected',
        detail: expect.objectContaining({
          features: ['tenure'],
          executionScheduledAt: '2026-11-27T01:00:00.000Z',
          reportUri: `${OUTPUT}/01/constraint_violations.json`,
        }),
      }),
    ]);
  });

  it('describes the same execution when the reconciler asks for a change whose event was lost', async () => {
    // Prepare
    twoExecutions();
    const detail = { model: 'churn', alarmName: 'shepherd-drift-churn-prod', changedAt: '2026-11-27T01:16:00.118Z' };

    // Act
    await describeDrift(fixture('drift-description-requested', { detail }), context());

    // Assess
    expect(published()[0]!.detail).toMatchObject({
      features: ['tenure'],
      executionScheduledAt: '2026-11-27T01:00:00.000Z',
    });
  });
});
