import { failedChecks, playDefault, seeded } from '../helpers/e2e';

describe('a throttled AWS account', () => {
  it('still completes the lifecycle when 30 % of SageMaker and CloudWatch calls are throttled', async () => {
    // Act
    const result = await playDefault({ throttle: { sagemaker: 0.3, cloudwatch: 0.3 }, random: seeded(7) });

    // Assess
    expect(failedChecks(result)).toEqual([]);
    expect(result.summary.deadLetters).toBe(0);
    expect(result.summary.modelPackages.filter((p) => p.group === 'churn-models')).toHaveLength(2);
  });
});
