// A person rejects an approved package in the registry while it serves its canary
// (local/scenarios/canary-rejected.yml): the emulated world must end with the baseline serving everything and the
// package Rejected.
import { join } from 'node:path';
import type { RunResult } from '../../local/run';
import { ROOT } from '../../local/template';
import { failedChecks, playScenario, seeded } from '../helpers/e2e';

const MINUTE = 60_000;
const at = (iso: string | null | undefined) => Date.parse(iso!);

// One run; the handlers load once per test file, bound to this run's local cloud.
let run: RunResult;
beforeAll(async () => {
  run = await playScenario(join(ROOT, 'local', 'scenarios', 'canary-rejected.yml'), {
    random: seeded(20),
    speed: 1800,
  });
});

describe('a candidate rejected in the registry during its canary', () => {
  it('is taken out within minutes of the rejection, in the step it served, though it served well', () => {
    // Assess
    expect(failedChecks(run)).toEqual([]);
    const [, canary] = run.summary.deployments;
    expect(canary).toMatchObject({ modelPackageArn: expect.stringMatching(/churn-models\/2$/) });
    // Never past its first step: the judge would have passed it at the end of the bake.
    expect(canary!.steps.map((s) => s.weight)).toEqual([10, 0]);
    const [first] = canary!.steps;
    // When the emulated registry rejected it (the scenario's step, once the candidate served its first step).
    const rejection = run.cloud.timeline.lines.find((l) =>
      /registry churn-models v2 Approved → Rejected/.test(l.message),
    );
    const rejectedAt = at(rejection?.at);
    expect(at(first!.servingFrom)).toBeLessThanOrEqual(rejectedAt);
    const outAfter = at(canary!.rollbackRequestedAt) - rejectedAt;
    expect(outAfter).toBeGreaterThanOrEqual(0);
    // The event acts at once; on a busy machine a handler's wall time costs virtual minutes (seen: up to 9 at load 8).
    // Nothing else would take it out before its bake ends: the watcher does not read the registry.
    expect(outAfter).toBeLessThanOrEqual(12 * MINUTE);
    // Its traffic (if any reached it before the rejection) was as good as the baseline's: no judge took it out.
    expect(canary!.candidateErrors).toBeLessThanOrEqual(0.05 * canary!.candidateRequests);
  });

  it('ends with the baseline alone on the endpoint, the package Rejected and the deployment rolled back', () => {
    // Assess
    const { summary, cloud } = run;
    const [, canary] = summary.deployments;
    expect(canary!.outcome).toBe('rolled_back');
    expect(canary!.endedAt).not.toBeNull();
    const [endpoint] = cloud.sagemaker.endpoints();
    expect(endpoint!.variants.map((v) => [v.variantName, v.currentWeight])).toEqual([['v1', 100]]);
    expect(summary.modelPackages.map((p) => [p.version, p.approvalStatus])).toEqual([
      [1, 'Approved'],
      [2, 'Rejected'],
    ]);
    expect(summary.deadLetters).toBe(0);
    expect(summary.errors).toEqual([]);
  });
});
