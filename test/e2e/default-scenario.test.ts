import type { RunResult } from '../../local/run';
import { contractOf } from '../../shared/events/published';
import { check } from '../../shared/validation';
import { createCalls, DEFAULT_SCENARIO_CREATES, failedChecks, playDefault } from '../helpers/e2e';

// One run of the default scenario; the handlers load once per test file, bound to this run's local cloud.
let run: RunResult;
// The churn line's story; the upsell line, trained by tuning, has a test of its own below.
const churnJobs = () => run.summary.trainingJobs.filter((j) => j.model === 'churn');
const churnDeployments = () => run.summary.deployments.filter((d) => d.modelPackageArn.includes('/churn-models/'));
beforeAll(async () => {
  run = await playDefault();
});

describe('the default scenario on the local cloud', () => {
  it(
    'turns a burst of uploads, drift alarms and spot trouble into the expected trainings, ' +
      'registrations and approvals',
    () => {
      // Assess
      expect(failedChecks(run)).toEqual([]);
      const { summary, cloud } = run;
      expect(churnJobs().map((j) => [j.trigger, j.status, j.secondaryStatus])).toEqual([
        ['data', 'Completed', 'Completed'],
        ['drift', 'Stopped', 'MaxWaitTimeExceeded'],
        ['drift', 'Completed', 'Completed'],
        // new data that arrived during the drift run, trained on once the line was free
        ['data', 'Completed', 'Completed'],
        ['drift', 'Completed', 'Completed'],
      ]);
      expect(churnJobs()[2]!.name).toBe(`${churnJobs()[1]!.name}-r1`);
      expect(churnJobs().every((j) => j.spot)).toBe(true);
      expect(createCalls(cloud)).toEqual(DEFAULT_SCENARIO_CREATES);
      expect(summary.errors).toEqual([]);
      expect(summary.deadLetters).toBe(0);
    },
  );

  it('publishes every domain event on Shepherd’s bus in the shape its contract promises', () => {
    // Act
    const published = run.cloud.eventbridge.published;
    const problems = published.flatMap((event) => {
      const type = event['detail-type'];
      const contract = contractOf(type);
      if (!contract) return [`${type}: no contract`];
      const checked = check(contract, event);
      return checked.success ? [] : checked.problems.map((problem) => `${type}: ${problem}`);
    });

    // Assess
    expect(problems).toEqual([]);
    // The lifecycle's own, at least: each checked above against its contract.
    expect([...new Set(published.map((e) => e['detail-type']))]).toEqual(
      expect.arrayContaining([
        'Retraining Started',
        'Model Registered',
        'Approval Requested',
        'Approval Links Requested',
        'Deployment Started',
        'Canary Step Passed',
        'Deployment Promoted',
        'Deployment Rolled Back',
        'Edge Artifact Ready',
        'Cost Sweep Completed',
      ]),
    );
  });

  it(
    'promotes healthy candidates, rolls the degraded one back to the baseline at 0 %, ' +
      'and builds every approved model for both edge targets',
    () => {
      // Assess
      const { summary, cloud } = run;
      expect(churnDeployments().map((d) => [d.modelPackageArn.split('/').slice(-2).join('/'), d.outcome])).toEqual([
        ['churn-models/1', 'promoted'],
        ['churn-models/2', 'promoted'],
        ['churn-models/3', 'rolled_back'],
      ]);
      expect(churnDeployments()[2]!.reason).toMatch(/5XX rate .* is worse than baseline/);
      const endpoint = cloud.sagemaker.endpoints().find((e) => e.name === 'churn-prod');
      expect(endpoint).toMatchObject({ name: 'churn-prod', status: 'InService' });
      expect(endpoint!.variants.map((v) => [v.variantName, v.currentWeight])).toEqual([['v2', 100]]);
      expect(
        cloud.sagemaker.modelPackages().find((p) => p.version === 3 && p.group === 'churn-models')?.approvalStatus,
      ).toBe('Rejected');
      expect(summary.compilations.map((c) => [c.target, c.status])).toEqual([
        ['jetson_xavier', 'COMPLETED'],
        ['LINUX_ARM64', 'COMPLETED'],
        ['jetson_xavier', 'COMPLETED'],
        ['LINUX_ARM64', 'COMPLETED'],
        ['jetson_xavier', 'COMPLETED'],
        ['LINUX_ARM64', 'COMPLETED'],
      ]);
      // churn-prod and upsell-prod, once each
      expect(cloud.calls.get('sagemaker:CreateEndpoint')).toBe(2);
    },
  );

  it('measures each deployment on the emulated endpoint: its steps, the candidate’s traffic, the rollback', () => {
    // Assess
    const [first, promoted, rolledBack] = churnDeployments();
    // The endpoint's first model serves alone from the start: no step, no candidate traffic.
    expect(first).toMatchObject({ steps: [], candidateRequests: 0, rollbackRequestedAt: null });
    expect(promoted!.steps.map((s) => s.weight)).toEqual([10, 25, 50]);
    expect(promoted!.candidateRequests).toBeGreaterThan(0);
    expect(promoted!.rollbackRequestedAt).toBeNull();
    expect(rolledBack!.steps[0]!.weight).toBe(10);
    expect(rolledBack!.steps.at(-1)!.weight).toBe(0);
    expect(rolledBack!.candidateErrors).toBeGreaterThan(0);
    // The weights call comes while the candidate serves at 10 %, and the 0 % step once it took effect.
    const requested = Date.parse(rolledBack!.rollbackRequestedAt!);
    expect(requested).toBeGreaterThan(Date.parse(rolledBack!.steps[0]!.servingFrom));
    expect(requested).toBeLessThan(Date.parse(rolledBack!.steps.at(-1)!.servingFrom));
    for (const d of run.summary.deployments) {
      // Ended, with steps one after another without gaps, from after the call that started it to its end.
      expect([d.startedAt, d.endedAt]).toEqual([expect.any(String), expect.any(String)]);
      const steps = d.steps.flatMap((s) => [s.servingFrom, s.servingUntil!]);
      const bounds = [d.startedAt!, ...steps, d.endedAt!].map(Date.parse);
      expect(bounds).toEqual([...bounds].sort((x, y) => x - y));
      d.steps.slice(1).forEach((s, i) => expect(s.servingFrom).toBe(d.steps[i]!.servingUntil));
      if (d.steps.length) expect(d.steps.at(-1)!.servingUntil).toBe(d.endedAt);
      expect(d.candidateErrors).toBeLessThanOrEqual(d.candidateRequests);
    }
  });

  it('has the 6 %-error candidate taken out within minutes of its 10 % step starting', () => {
    // Assess
    const rolledBack = churnDeployments()[2]!;
    const [step, out] = rolledBack.steps;
    expect([step!.weight, out!.weight]).toEqual([10, 0]);
    // Shepherd asks for weight 0 at the look that fails the candidate: within 4 minutes in 99 % of simulated
    // rollouts (test/helpers/canary-simulation.ts). The endpoint then takes 2 minutes to apply the weights, so the
    // issue's "serves at most 5 minutes" holds in about 94 % of runs, not every run; the bound here is what always
    // does.
    const requested = Date.parse(rolledBack.rollbackRequestedAt!) - Date.parse(step!.servingFrom);
    const served = Date.parse(step!.servingUntil!) - Date.parse(step!.servingFrom);
    expect(requested).toBeLessThanOrEqual(5 * 60_000);
    expect(served - requested).toBeLessThanOrEqual(2 * 60_000 + 5_000);
  });

  it('carries the serving variant’s autoscaling over to the promoted candidate', () => {
    // Assess
    expect(run.cloud.autoscaling.scalableTargets()).toEqual([
      expect.objectContaining({
        resourceId: 'endpoint/churn-prod/variant/v2',
        min: 2,
        max: 6,
        policies: ['invocations-per-instance'],
      }),
    ]);
  });

  it('prices what the nightly cost sweep finds, lists the Studio app, and leaves every endpoint in place', () => {
    // Assess
    const found = run.summary.costFindings.map((f) => [f.kind, f.resource, f.monthlySavingUsd]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['idle-endpoint', 'legacy-recsys', 335.8],
        ['idle-endpoint', 'audit-archive', 297.84],
        ['notebook', 'alice-exploration', 167.9],
        ['non-spot-training', 'churn-backfill-2026-11-20', 3.86],
        ['oversized-endpoint', 'search-ranker/AllTraffic', 167.9],
      ]),
    );
    // Only its second variant serves: per-variant metrics show it is not idle.
    expect(found.filter(([kind, resource]) => kind === 'idle-endpoint' && resource === 'fraud-shadow')).toEqual([]);
    const seen = new Map(run.summary.costFindings.map((f) => [`${f.kind} ${f.resource}`, f.evidence]));
    expect(seen.get('studio-app d-research0001/space/bob-space/JupyterLab/default')).toBe(
      'JupyterLab app running on ml.g4dn.xlarge; its domain has no idle shutdown',
    );
    // ml.m5.large is the smallest m5 SageMaker hosting offers: no smaller size is suggested.
    expect(seen.get('oversized-endpoint fraud-shadow/old')).toMatch(/; try serverless inference$/);
    expect(run.summary.costFindings.every((f) => f.monthlySavingUsd === null || /estimate/.test(f.estimate))).toBe(
      true,
    );
    expect(run.cloud.calls.get('sagemaker:DeleteEndpoint')).toBeUndefined();
    expect(run.cloud.sagemaker.endpoints().map((e) => e.name)).toEqual(
      expect.arrayContaining(['legacy-recsys', 'audit-archive', 'fraud-shadow', 'search-ranker']),
    );
  });

  it('trains the upsell line by tuning: its best child is registered and creates upsell-prod', () => {
    // Assess
    const { summary, cloud } = run;
    const best = summary.trainingJobs.find((j) => j.model === 'upsell' && j.metrics['validation:auc'] === 0.87);
    expect(summary.tuningJobs).toEqual([
      { name: expect.stringMatching(/^upsell-/), status: 'Completed', bestTrainingJob: best!.name, trainingJobs: 4 },
    ]);
    const upsell = cloud.sagemaker.modelPackages().filter((p) => p.group === 'upsell-models');
    expect(upsell.map((p) => [p.approvalStatus, p.metadata['shepherd:trainingJob']])).toEqual([
      ['Approved', best!.name],
    ]);
    expect(summary.deployments.filter((d) => d.modelPackageArn === upsell[0]!.arn)).toEqual([
      expect.objectContaining({ outcome: 'promoted' }),
    ]);
    expect(cloud.sagemaker.endpoints().find((e) => e.name === 'upsell-prod')).toMatchObject({ status: 'InService' });
  });
});
