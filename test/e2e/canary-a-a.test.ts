import type { RunResult } from '../../local/run';
import { failedChecks, fixture, playScenario, seeded } from '../helpers/e2e';

// One run; the handlers load once per test file, bound to this run's local cloud.
let run: RunResult;
beforeAll(async () => {
  // Seeded, so the traffic draws the same numbers each run (the wall clock may still shift a draw by a minute).
  // An identical candidate is rolled back in under 1 % of rollouts: one run is a check, not a coin toss.
  run = await playScenario(fixture('canary-a-a.yml'), { random: seeded(1) });
});

describe('an A/A canary: a candidate that serves exactly like its baseline, at 1,000 requests a minute', () => {
  it('is promoted through every step, 10, 25 and 50 %, and never asked out', () => {
    // Assess
    expect(failedChecks(run)).toEqual([]);
    const [, canary] = run.summary.deployments;
    expect(canary).toMatchObject({ modelPackageArn: expect.stringMatching(/churn-models\/2$/), outcome: 'promoted' });
    // The emulated endpoint's own record: each share it served the candidate at, and no call for weight 0.
    expect(canary!.steps.map((s) => s.weight)).toEqual([10, 25, 50]);
    expect(canary!.rollbackRequestedAt).toBeNull();
    expect(canary!.endedAt).toBe(canary!.steps.at(-1)!.servingUntil);
    const [endpoint] = run.cloud.sagemaker.endpoints();
    expect(endpoint!.variants.map((v) => [v.variantName, v.currentWeight])).toEqual([['v2', 100]]);
    expect(run.summary.deadLetters).toBe(0);
  });
});
