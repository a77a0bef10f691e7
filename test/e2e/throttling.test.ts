import { failedChecks, playDefault, seeded } from '../helpers/e2e';

describe('a throttled AWS account', () => {
  it('still completes the lifecycle when 30 % of SageMaker and CloudWatch calls are throttled', async () => {
    // Act
    // The SDK backs off in wall-clock seconds, which the accelerated clock turns into virtual hours: allow them.
    const result = await playDefault({ throttle: { sagemaker: 0.3, cloudwatch: 0.3 }, random: seeded(7), timeoutMs: 14 * 3_600_000 });

    // Assess
    expect(failedChecks(result)).toEqual([]);
    expect(result.summary.deadLetters).toBe(0);
    expect(result.summary.deployments.map((d) => d.outcome)).toEqual(['promoted', 'promoted', 'rolled_back']);
  }, 180_000);
});
