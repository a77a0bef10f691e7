// A serverless line's candidate that answers 20 % of its requests with 5XX: every request meets it from its switch,
// so the before/after judge must have the baseline's config back within minutes.
import type { RunResult } from '../../local/run';
import { failedChecks, fixture, playScenario, seeded } from '../helpers/e2e';

const MINUTE = 60_000;
const at = (iso: string | null | undefined) => Date.parse(iso!);

// One run; the handlers load once per test file, bound to this run's local cloud.
let run: RunResult;
beforeAll(async () => {
  // Seeded, so the traffic draws the same numbers each run (the wall clock may still shift a draw by a minute).
  run = await playScenario(fixture('serverless-bad-candidate.yml'), { random: seeded(20) });
});

describe('a serverless candidate that answers 20 % of its requests with 5XX', () => {
  it('is replaced by the baseline config within 2 virtual minutes of its switch', () => {
    // Assess
    expect(failedChecks(run)).toEqual([]);
    const [, replacement] = run.summary.deployments;
    const candidate = expect.stringMatching(/churn-models\/2$/);
    expect(replacement).toMatchObject({ modelPackageArn: candidate, outcome: 'rolled_back' });
    // The emulated endpoint's own times: when it served the candidate alone, when the baseline's config was asked.
    const [serving] = replacement!.steps;
    expect(serving!.weight).toBe(100);
    const outAfter = at(replacement!.rollbackRequestedAt) - at(serving!.servingFrom);
    expect(outAfter).toBeGreaterThan(0);
    expect(outAfter).toBeLessThanOrEqual(2 * MINUTE);
  });

  it('leaves the endpoint on the baseline config, having seen the candidate’s errors, and rejects it', async () => {
    // Assess
    const { summary, cloud } = run;
    const [first, replacement] = summary.deployments;
    expect(summary.deployments).toHaveLength(2);
    expect(first).toMatchObject({ modelPackageArn: expect.stringMatching(/churn-models\/1$/), outcome: 'promoted' });
    expect(replacement!.endedAt).not.toBeNull();
    expect(replacement!.candidateErrors / replacement!.candidateRequests).toBeGreaterThan(0.1);
    // The config the endpoint serves again is v1's own, the one it was created with: v1 alone, serverless.
    const [endpoint] = cloud.sagemaker.endpoints();
    expect(endpoint!.variants.map((v) => [v.variantName, v.serverless?.memorySizeInMB])).toEqual([['v1', 2048]]);
    const EndpointConfigName = endpoint!.configName;
    const described = await cloud.sagemaker.handle('DescribeEndpointConfig', { EndpointConfigName });
    const served = described as { ProductionVariants: { VariantName: string }[] };
    expect(served.ProductionVariants.map((v) => v.VariantName)).toEqual(['v1']);
    const rejected = summary.modelPackages.find((p) => p.arn === replacement!.modelPackageArn);
    expect(rejected?.approvalStatus).toBe('Rejected');
    expect(summary.deadLetters).toBe(0);
    expect(summary.errors).toEqual([]);
  });
});
