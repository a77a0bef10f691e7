// Training runs without managed spot, in a sweep: their figures are per run, not per month.
import { listenToMetrics } from '../helpers/emf';
import {
  DescribeTrainingJobCommand,
  ListTrainingJobsCommand,
  type ListTrainingJobsCommandInput,
} from '@aws-sdk/client-sagemaker';
import { handler } from '../../functions/cost-sweep';
import { notificationsSent, published, sagemaker } from '../helpers/aws';
import { costService, mockAccount, resetCostAccount } from '../helpers/cost';
import { createTable } from '../helpers/dynamo';
import { context, fixture } from '../helpers/events';

const emf = listenToMetrics();
beforeAll(createTable);
beforeEach(async () => {
  await resetCostAccount({ clock: '2026-11-30T06:00:00Z' });
  emf.clear();
});
afterAll(() => emf.stop());

/** One finished job of the window, as DescribeTrainingJob describes it. */
function mockJob(name: string, resources: Record<string, unknown>): void {
  sagemaker
    .on(ListTrainingJobsCommand, { StatusEquals: 'Completed' })
    .resolves({ TrainingJobSummaries: [{ TrainingJobName: name } as never] });
  sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: name }).resolves({
    TrainingJobName: name,
    ResourceConfig: { VolumeSizeInGB: 30, ...resources } as never,
    EnableManagedSpotTraining: false,
    TrainingTimeInSeconds: 36_000,
    BillableTimeInSeconds: 36_000,
    TrainingEndTime: new Date('2026-11-28T00:00:00Z'),
  });
}
const idle = { name: 'idle-one', variants: [{ name: 'v1', count: 1, invocations: 0, cpu: 1, memory: 5 }] };

describe('a cost sweep that finds training without managed spot', () => {
  it('keeps the runs’ saving out of the monthly figure, in the report, the event and the metrics alike', async () => {
    // Prepare: an idle endpoint ($167.90 a month) and a 10-hour run on 2 ml.m5.xlarge at $0.23 ($4.60, 70 %: $3.22)
    mockAccount([idle]);
    mockJob('churn-backfill', { InstanceType: 'ml.m5.xlarge', InstanceCount: 2 });

    // Act
    await handler(fixture('scheduled-event', { id: 'sweep-1' }), context());

    // Assess
    const detail = published().find((e) => e.detailType === 'Cost Sweep Completed')!.detail;
    expect(detail).toMatchObject({ estimatedMonthlySavingUsd: 167.9, estimatedTrainingSavingUsd: 3.22 });
    expect(emf.metrics()).toMatchObject({ EstimatedMonthlyWaste: 167.9, EstimatedTrainingWaste: 3.22 });
    const report = notificationsSent()[0]!.Message!;
    expect(report).toContain('Estimated monthly saving: $167.90 ');
    expect(report).toContain('Training without managed spot: est. $3.22 to save on 1 run(s) of the last 7 day(s)');
    expect(report).toContain('cost $4.60/run, saving $3.22/run');
  });

  it('lists training runs after the monthly findings, and counts their unpriced runs apart', async () => {
    // Prepare: an idle endpoint and a run ($3.22), each beside one of a type the table does not price
    mockAccount([
      {
        name: 'cheap-idle',
        variants: [{ name: 'v1', count: 1, invocations: 0, cpu: 1, memory: 5 }],
      },
      { name: 'unpriced-idle', variants: [{ name: 'v1', count: 1, type: 'ml.unknown.xlarge', invocations: 0 }] },
    ]);
    sagemaker
      .on(ListTrainingJobsCommand, { StatusEquals: 'Completed' })
      .resolves({ TrainingJobSummaries: [{ TrainingJobName: 'priced-run' }, { TrainingJobName: 'odd-run' }] as never });
    const job = (TrainingJobName: string, InstanceType: string) => ({
      TrainingJobName,
      ResourceConfig: { VolumeSizeInGB: 30, InstanceType, InstanceCount: 2 } as never,
      EnableManagedSpotTraining: false,
      TrainingTimeInSeconds: 36_000,
      BillableTimeInSeconds: 36_000,
      TrainingEndTime: new Date('2026-11-28T00:00:00Z'),
    });
    sagemaker
      .on(DescribeTrainingJobCommand, { TrainingJobName: 'priced-run' })
      .resolves(job('priced-run', 'ml.m5.xlarge'));
    sagemaker
      .on(DescribeTrainingJobCommand, { TrainingJobName: 'odd-run' })
      .resolves(job('odd-run', 'ml.unknown.xlarge'));

    // Act
    await handler(fixture('scheduled-event', { id: 'sweep-1' }), context());

    // Assess: every monthly finding first, whatever a run's figure; the runs' unpriced count apart, as in the event
    const detail = published().find((e) => e.detailType === 'Cost Sweep Completed')!.detail;
    const kinds = detail.findings.map((f: { kind: string; resource: string }) => `${f.kind} ${f.resource}`);
    expect(kinds.indexOf('non-spot-training priced-run')).toBeGreaterThan(kinds.indexOf('idle-endpoint unpriced-idle'));
    expect(kinds.slice(-2)).toEqual(['non-spot-training priced-run', 'non-spot-training odd-run']);
    const listed = notificationsSent()[0]!
      .Message!.split('\n')
      .filter((l) => l.startsWith('- '));
    expect(listed.at(-2)).toBe('- non-spot-training  priced-run');
    expect(detail).toMatchObject({ unpricedFindings: 1, unpricedTrainingRuns: 1 });
    expect(emf.metrics()).toMatchObject({ UnpricedFindings: 1, UnpricedTrainingRuns: 1 });
  });

  it('reports a long run that started before the window and finished in it', async () => {
    // Prepare: a 6-day run on 8 ml.p4d.24xlarge, created 9 days ago and ended 2 days ago (the window is 7 days);
    // ListTrainingJobs filters by the times it is given, as AWS does
    mockAccount([]);
    const created = new Date('2026-11-21T06:00:00Z');
    const ended = new Date('2026-11-28T00:00:00Z');
    sagemaker.on(ListTrainingJobsCommand).callsFake((input: ListTrainingJobsCommandInput) => {
      const shown =
        input.StatusEquals === 'Completed' &&
        (input.CreationTimeAfter === undefined || created > input.CreationTimeAfter) &&
        (input.LastModifiedTimeAfter === undefined || ended > input.LastModifiedTimeAfter);
      return { TrainingJobSummaries: shown ? [{ TrainingJobName: 'llm-finetune' }] : [] };
    });
    sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: 'llm-finetune' }).resolves({
      TrainingJobName: 'llm-finetune',
      ResourceConfig: { VolumeSizeInGB: 30, InstanceType: 'ml.p4d.24xlarge', InstanceCount: 8 },
      EnableManagedSpotTraining: false,
      TrainingTimeInSeconds: 518_400,
      BillableTimeInSeconds: 518_400,
      CreationTime: created,
      TrainingEndTime: ended,
      LastModifiedTime: ended,
    } as never);

    // Act
    const result = await costService({}, () => new Date('2026-11-30T06:00:00Z')).runSweep({
      enforce: false,
      notify: false,
    });

    // Assess
    expect(result.findings.map((f) => `${f.kind} ${f.resource}`)).toEqual(['non-spot-training llm-finetune']);
  });

  it('leaves out a run that ended before the window, though SageMaker changed it since', async () => {
    // Prepare: ended 10 days ago; its LastModifiedTime is yesterday's
    mockAccount([]);
    sagemaker
      .on(ListTrainingJobsCommand, { StatusEquals: 'Completed' })
      .resolves({ TrainingJobSummaries: [{ TrainingJobName: 'old-run' }] as never });
    sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: 'old-run' }).resolves({
      TrainingJobName: 'old-run',
      ResourceConfig: { VolumeSizeInGB: 30, InstanceType: 'ml.m5.xlarge', InstanceCount: 1 },
      EnableManagedSpotTraining: false,
      TrainingTimeInSeconds: 3_600,
      BillableTimeInSeconds: 3_600,
      TrainingEndTime: new Date('2026-11-20T00:00:00Z'),
      LastModifiedTime: new Date('2026-11-29T00:00:00Z'),
    } as never);

    // Act
    const result = await costService({}, () => new Date('2026-11-30T06:00:00Z')).runSweep({
      enforce: false,
      notify: false,
    });

    // Assess
    expect(result.findings).toEqual([]);
  });

  it('prices a heterogeneous cluster by summing its instance groups', async () => {
    // Prepare: 10 hours on 2 ml.m5.xlarge at $0.23 and 1 ml.g5.xlarge at $1.50: $19.60, 70 % of it $13.72
    mockAccount([]);
    mockJob('churn-hetero', {
      InstanceGroups: [
        { InstanceGroupName: 'data', InstanceType: 'ml.m5.xlarge', InstanceCount: 2 },
        { InstanceGroupName: 'gpu', InstanceType: 'ml.g5.xlarge', InstanceCount: 1 },
      ],
    });
    const prices = { asOf: '2026-11-01', training: { 'us-east-1': { 'ml.m5.xlarge': 0.23, 'ml.g5.xlarge': 1.5 } } };

    // Act
    const result = await costService({ prices }, () => new Date('2026-11-30T06:00:00Z')).runSweep({
      enforce: false,
      notify: true,
    });

    // Assess
    expect(result.findings).toEqual([
      expect.objectContaining({
        kind: 'non-spot-training',
        resource: 'churn-hetero',
        evidence:
          '30.0 instance-hours of 2 x ml.m5.xlarge and 1 x ml.g5.xlarge on demand; ' +
          'managed spot with checkpoints typically saves 70 %',
        monthlyCostUsd: 19.6,
        monthlySavingUsd: 13.72,
      }),
    ]);
  });
});
