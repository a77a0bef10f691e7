import type { RunResult } from '../../local/run';
import { failedChecks, fixture, playScenario, seeded } from '../helpers/e2e';

// One run; the handlers load once per test file, bound to this run's local cloud.
let run: RunResult;
beforeAll(async () => {
  run = await playScenario(fixture('permanent-error.yml'), { random: seeded(11) });
});

const critical = () => run.cloud.sns.outbox().filter((n) => n.attributes.severity === 'critical');

describe('requests AWS refuses for good, on the local cloud', () => {
  it('ends the refused promotion failed once, with nothing dead-lettered', () => {
    // Assess
    expect(failedChecks(run)).toEqual([]);
    const { summary, cloud } = run;
    const [, refused] = summary.deployments;
    expect(refused).toMatchObject({ modelPackageArn: expect.stringMatching(/churn-models\/2$/), outcome: 'failed' });
    expect(refused!.reason).toBe(
      'UpdateEndpoint refused: ValidationException: The variant v2 cannot be updated: its config requests an ' +
        'unsupported instance count.',
    );
    expect(summary.deadLetters).toBe(0);
    expect(cloud.lambda.deadLetters).toEqual([]);
  });

  it('asks SageMaker no more after the refusal: the endpoint keeps serving the canary as it was', () => {
    // Assess: CreateEndpoint, the canary's UpdateEndpoint, the refused promotion; nothing after it
    const { cloud } = run;
    expect(cloud.calls.get('sagemaker:UpdateEndpoint')).toBe(2);
    const [endpoint] = cloud.sagemaker.endpoints();
    expect(endpoint).toMatchObject({ status: 'InService' });
    expect(endpoint!.variants.map((v) => [v.variantName, v.currentWeight])).toEqual([
      ['v1', 50],
      ['v2', 50],
    ]);
  });

  it('ends the refused training start failed too, and says each failure once, critically', () => {
    // Assess
    const { cloud } = run;
    expect(cloud.calls.get('sagemaker:CreateTrainingJob')).toBe(3);
    expect(
      critical()
        .map((n) => n.subject)
        .sort(),
    ).toEqual(['[Shepherd] churn: deployment on churn-prod failed', '[Shepherd] churn: training failed']);
    const training = critical().find((n) => n.subject?.endsWith('training failed'));
    expect(training!.message).toContain('CreateTrainingJob refused: ResourceLimitExceeded');
  });
});
