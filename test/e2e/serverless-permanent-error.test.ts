// A serverless line whose switch to a new model AWS refuses for good: the replacement ends failed once, with no
// dead letter, and the endpoint keeps serving the model it served, asked nothing more.
import type { RunResult } from '../../local/run';
import { failedChecks, fixture, playScenario, seeded } from '../helpers/e2e';

// One run; the handlers load once per test file, bound to this run's local cloud.
let run: RunResult;
beforeAll(async () => {
  run = await playScenario(fixture('serverless-permanent-error.yml'), { random: seeded(3) });
});

describe('a serverless replacement AWS refuses for good', () => {
  it('ends failed once with AWS’s message, nothing dead-lettered, and v1 still serving alone', () => {
    // Assess
    expect(failedChecks(run)).toEqual([]);
    const { summary, cloud } = run;
    const [, refused] = summary.deployments;
    expect(refused).toMatchObject({ modelPackageArn: expect.stringMatching(/churn-models\/2$/), outcome: 'failed' });
    expect(refused!.reason).toMatch(/^UpdateEndpoint refused: ValidationException: Serverless endpoint churn-prod/);
    expect(summary.deadLetters).toBe(0);
    expect(cloud.calls.get('sagemaker:UpdateEndpoint')).toBe(1);
    const [endpoint] = cloud.sagemaker.endpoints();
    expect(endpoint!.variants.map((v) => [v.variantName, v.serverless?.memorySizeInMB])).toEqual([['v1', 2048]]);
    const critical = cloud.sns.outbox().filter((n) => n.attributes.severity === 'critical');
    expect(critical.map((n) => n.subject)).toEqual(['[Shepherd] churn: deployment on churn-prod failed']);
  });
});
