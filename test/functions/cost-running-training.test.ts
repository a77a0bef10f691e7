// Training jobs still running when a sweep looks: listed with what they have cost so far, never stopped.
import {
  DescribeTrainingJobCommand,
  ListTrainingJobsCommand,
  type ListTrainingJobsCommandInput,
  StopTrainingJobCommand,
} from '@aws-sdk/client-sagemaker';
import { sagemaker } from '../helpers/aws';
import { costService, mockAccount, resetCostAccount } from '../helpers/cost';
import { createTable } from '../helpers/dynamo';

const NOW = new Date('2026-11-30T06:00:00Z');
const HOUR_MS = 3_600_000;
// The on-demand training rate of ml.p3.16xlarge in us-east-1, given as an override as an operator would.
const config = { prices: { training: { 'us-east-1': { 'ml.p3.16xlarge': 28.152 } } } };

beforeAll(createTable);
beforeEach(() => resetCostAccount({ clock: NOW.toISOString() }));

/** InProgress jobs as ListTrainingJobs pages them (`pageSize` a page), described as DescribeTrainingJob would. */
function mockRunning(
  jobs: { name: string; hours: number; maxRuntimeSeconds: number; spot?: boolean }[],
  pageSize = 100,
) {
  sagemaker.on(ListTrainingJobsCommand).callsFake((input: ListTrainingJobsCommandInput) => {
    if (input.StatusEquals !== 'InProgress') return { TrainingJobSummaries: [] };
    const from = Number(input.NextToken ?? 0);
    const page = jobs.slice(from, from + Math.min(pageSize, input.MaxResults ?? 10));
    const next = from + page.length < jobs.length ? { NextToken: String(from + page.length) } : {};
    return {
      TrainingJobSummaries: page.map((j) => ({ TrainingJobName: j.name, TrainingJobStatus: 'InProgress' })),
      ...next,
    };
  });
  for (const j of jobs)
    sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: j.name }).resolves({
      TrainingJobName: j.name,
      TrainingJobStatus: 'InProgress',
      SecondaryStatus: 'Training',
      ResourceConfig: { VolumeSizeInGB: 100, InstanceType: 'ml.p3.16xlarge', InstanceCount: 2 },
      EnableManagedSpotTraining: j.spot === true,
      StoppingCondition: { MaxRuntimeInSeconds: j.maxRuntimeSeconds },
      CreationTime: new Date(NOW.getTime() - j.hours * HOUR_MS - 600_000),
      TrainingStartTime: new Date(NOW.getTime() - j.hours * HOUR_MS),
    } as never);
}

describe('a cost sweep while training jobs run', () => {
  it('lists a job running for 30 h with its instances, its time and what it has cost so far', async () => {
    // Prepare: 2 x ml.p3.16xlarge for 30 h at $28.152: $1,689.12 so far, past its own 24 h limit
    mockAccount([]);
    mockRunning([{ name: 'forgotten-sweep-17', hours: 30, maxRuntimeSeconds: 86_400 }]);

    // Act
    const result = await costService(config, () => NOW).runSweep({ enforce: true, notify: false });

    // Assess
    const [f] = result.findings;
    expect(result.findings).toHaveLength(1);
    expect(f).toMatchObject({ kind: 'running-training', resource: 'forgotten-sweep-17', action: 'report' });
    expect(f!.monthlyCostUsd).toBe(1689.12);
    expect(f!.evidence).toContain('2 x ml.p3.16xlarge running for 30 h');
    expect(f!.evidence).toContain('past its MaxRuntimeInSeconds of 86400 (24 h)');
    expect(result.report).toContain('Training running now: 1 job(s), est. $1689.12 spent so far, 1 past their limit');
    expect(sagemaker.commandCalls(StopTrainingJobCommand)).toHaveLength(0);
  });

  it('flags a job Shepherd did not start after 24 h, and one of its own only past its line’s limit', async () => {
    // Prepare: both run 25 h under a 48 h limit; `churn-` names are Shepherd's in this test's config
    mockAccount([]);
    mockRunning([
      { name: 'someone-elses-job', hours: 25, maxRuntimeSeconds: 172_800 },
      { name: 'churn-20261129-0500', hours: 25, maxRuntimeSeconds: 172_800 },
    ]);

    // Act
    const result = await costService(config, () => NOW).runSweep({ enforce: false, notify: false });

    // Assess
    const evidence = Object.fromEntries(result.findings.map((f) => [f.resource, f.evidence]));
    expect(evidence['someone-elses-job']).toContain('more than 24 h, for a job Shepherd did not start');
    expect(evidence['churn-20261129-0500']).not.toContain('past');
    expect(evidence['churn-20261129-0500']).not.toContain('more than');
  });

  it('says a managed spot job’s figure is at on-demand rates, an upper bound', async () => {
    // Prepare
    mockAccount([]);
    mockRunning([{ name: 'spot-run', hours: 2, maxRuntimeSeconds: 86_400, spot: true }]);

    // Act
    const result = await costService(config, () => NOW).runSweep({ enforce: false, notify: false });

    // Assess
    expect(result.findings[0]!.evidence).toContain('managed spot bills only its billable seconds');
  });

  it('lists every running job over more than one page, and keeps them out of the monthly saving', async () => {
    // Prepare: 205 jobs, 100 a page at most
    mockAccount([]);
    const jobs = Array.from({ length: 205 }, (_, i) => ({ name: `job-${i}`, hours: 1, maxRuntimeSeconds: 86_400 }));
    mockRunning(jobs);

    // Act
    const result = await costService(config, () => NOW).runSweep({ enforce: false, notify: false });

    // Assess
    expect(result.findings.filter((f) => f.kind === 'running-training')).toHaveLength(205);
    expect(result.estimatedMonthlySavingUsd).toBe(0);
    expect(result.unpricedFindings).toBe(0);
    expect(result.estimatedTrainingSavingUsd).toBeNull();
  });
});
