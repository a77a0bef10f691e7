import type { RunResult } from '../../local/run';
import { createCalls, DEFAULT_SCENARIO_CREATES, failedChecks, playDefault } from '../helpers/e2e';

// One run of the default scenario; the handlers load once per test file, bound to this run's local cloud.
let run: RunResult;
beforeAll(async () => {
  run = await playDefault();
}, 120_000);

describe('the default scenario on the local cloud', () => {
  it('turns a burst of uploads, drift alarms and spot trouble into the expected trainings, registrations and approvals', () => {
    // Assess
    expect(failedChecks(run)).toEqual([]);
    const { summary, cloud } = run;
    expect(summary.trainingJobs.map((j) => [j.trigger, j.status, j.secondaryStatus])).toEqual([
      ['data', 'Completed', 'Completed'],
      ['drift', 'Stopped', 'MaxWaitTimeExceeded'],
      ['drift', 'Completed', 'Completed'],
      ['drift', 'Completed', 'Completed'],
      ['drift', 'Completed', 'Completed'],
    ]);
    expect(summary.trainingJobs[2]!.name).toBe(`${summary.trainingJobs[1]!.name}-r1`);
    expect(summary.trainingJobs.every((j) => j.spot)).toBe(true);
    expect(createCalls(cloud)).toEqual(DEFAULT_SCENARIO_CREATES);
    expect(summary.errors).toEqual([]);
    expect(summary.deadLetters).toBe(0);
  });

  it('promotes healthy candidates, rolls the degraded one back to the baseline at 0 %, and builds every approved model for both edge targets', () => {
    // Assess
    const { summary, cloud } = run;
    expect(summary.deployments.map((d) => [d.modelPackageArn.split('/').slice(-2).join('/'), d.outcome])).toEqual([
      ['churn-models/1', 'promoted'],
      ['churn-models/2', 'promoted'],
      ['churn-models/3', 'rolled_back'],
    ]);
    expect(summary.deployments[2]!.reason).toMatch(/5XX rate .* is worse than baseline/);
    const [endpoint] = cloud.sagemaker.endpoints();
    expect(endpoint).toMatchObject({ name: 'churn-prod', status: 'InService' });
    expect(endpoint!.variants.map((v) => [v.variantName, v.currentWeight])).toEqual([['v2', 100]]);
    expect(cloud.sagemaker.modelPackages().find((p) => p.version === 3 && p.group === 'churn-models')?.approvalStatus).toBe('Rejected');
    expect(summary.compilations.map((c) => [c.target, c.status])).toEqual([
      ['jetson_xavier', 'COMPLETED'],
      ['LINUX_ARM64', 'COMPLETED'],
      ['jetson_xavier', 'COMPLETED'],
      ['LINUX_ARM64', 'COMPLETED'],
      ['jetson_xavier', 'COMPLETED'],
      ['LINUX_ARM64', 'COMPLETED'],
    ]);
    expect(cloud.calls.get('sagemaker:CreateEndpoint')).toBe(1);
  });

  it('carries the serving variant’s autoscaling over to the promoted candidate', () => {
    // Assess
    expect(run.cloud.autoscaling.scalableTargets()).toEqual([
      expect.objectContaining({ resourceId: 'endpoint/churn-prod/variant/v2', min: 2, max: 6, policies: ['invocations-per-instance'] }),
    ]);
  });
});
