// A serverless line's candidate that serves exactly like the model it replaces: judged on its own minutes since the
// switch against the baseline's before, it must be promoted once its bake is over, and never asked out.
import type { RunResult } from '../../local/run';
import { failedChecks, fixture, playScenario, seeded } from '../helpers/e2e';

const MINUTE = 60_000;
const at = (iso: string | null | undefined) => Date.parse(iso!);

// One run; the handlers load once per test file, bound to this run's local cloud.
let run: RunResult;
beforeAll(async () => {
  // Seeded, so the traffic draws the same numbers each run (the wall clock may still shift a draw by a minute).
  run = await playScenario(fixture('serverless-good-candidate.yml'), { random: seeded(1) });
});

describe('a serverless candidate that serves exactly like the model it replaces', () => {
  it('replaces it at once and is promoted after its 15-minute bake, without a call for the baseline', () => {
    // Assess
    expect(failedChecks(run)).toEqual([]);
    const [, replacement] = run.summary.deployments;
    const candidate = expect.stringMatching(/churn-models\/2$/);
    expect(replacement).toMatchObject({ modelPackageArn: candidate, outcome: 'promoted' });
    // The emulated endpoint's own record: the candidate alone from its switch on, and still serving.
    expect(replacement!.steps).toEqual([{ weight: 100, servingFrom: expect.any(String), servingUntil: null }]);
    expect(replacement!.rollbackRequestedAt).toBeNull();
    const promoted = run.cloud.eventbridge.published.find(
      (e) => e['detail-type'] === 'Deployment Promoted' && e.detail.modelPackageArn === replacement!.modelPackageArn,
    );
    // An event's time has whole seconds, as EventBridge's has: a promotion in the bake's last second reads up to
    // 999 ms early against the endpoint's own millisecond record.
    expect(at(promoted!.time) - at(replacement!.steps[0]!.servingFrom)).toBeGreaterThan(15 * MINUTE - 1000);
    const [endpoint] = run.cloud.sagemaker.endpoints();
    expect(endpoint!.variants.map((v) => [v.variantName, v.serverless?.memorySizeInMB])).toEqual([['v2', 2048]]);
    expect(run.summary.deadLetters).toBe(0);
    expect(run.summary.errors).toEqual([]);
  });
});
