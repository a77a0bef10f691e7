import type { RunResult } from '../../local/run';
import { failedChecks, fixture, playScenario, seeded } from '../helpers/e2e';

const MINUTE = 60_000;
const at = (iso: string | null | undefined) => Date.parse(iso!);

// One run; the handlers load once per test file, bound to this run's local cloud.
let run: RunResult;
beforeAll(async () => {
  // Seeded, so the traffic draws the same numbers each run (the wall clock may still shift a draw by a minute).
  run = await playScenario(fixture('canary-bad-candidate.yml'), { random: seeded(20) });
});

describe('a canary whose candidate answers 20 % of its requests with 5XX', () => {
  it('is asked out of its first step within 2 virtual minutes of serving in it', () => {
    // Assess
    expect(failedChecks(run)).toEqual([]);
    const [, canary] = run.summary.deployments;
    const candidate = expect.stringMatching(/churn-models\/2$/);
    expect(canary).toMatchObject({ modelPackageArn: candidate, outcome: 'rolled_back' });
    const [first] = canary!.steps;
    expect(first!.weight).toBe(10);
    // The emulated endpoint's own times: when it served the candidate at 10 %, when it was asked for weight 0.
    const outAfter = at(canary!.rollbackRequestedAt) - at(first!.servingFrom);
    expect(outAfter).toBeGreaterThan(0);
    expect(outAfter).toBeLessThanOrEqual(2 * MINUTE);
  });

  it('rolls it back to 0 % on the endpoint, having seen its errors, with nothing dead-lettered', () => {
    // Assess
    const { summary, cloud } = run;
    const [, canary] = summary.deployments;
    expect(canary!.steps.map((s) => s.weight)).toEqual([10, 0]);
    expect(canary!.endedAt).not.toBeNull();
    expect(canary!.candidateErrors / canary!.candidateRequests).toBeGreaterThan(0.1);
    const [endpoint] = cloud.sagemaker.endpoints();
    expect(endpoint!.variants.map((v) => [v.variantName, v.currentWeight])).toEqual([['v1', 100]]);
    expect(summary.deadLetters).toBe(0);
    expect(summary.errors).toEqual([]);
  });
});
