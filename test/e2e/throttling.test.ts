import { createCalls, DEFAULT_SCENARIO_CREATES, failedChecks, playDefault, seeded } from '../helpers/e2e';

describe('a throttled AWS account', () => {
  it('still completes the lifecycle when 30 % of SageMaker and CloudWatch calls are throttled', async () => {
    // Act
    const result = await playDefault({ throttle: { sagemaker: 0.3, cloudwatch: 0.3 }, random: seeded(7) });

    // Assess
    // The SDK's back-off absorbs the throttling: the scenario plays out exactly as without it.
    expect(failedChecks(result)).toEqual([]);
    const { summary, cloud } = result;
    expect(cloud.faults.injected).toBeGreaterThan(50);
    const events = (type: string) => cloud.eventbridge.published.filter((e) => e['detail-type'] === type);
    expect(cloud.lambda.deadLetters.map((d) => `${d.function}: ${d.error}`)).toEqual([]);
    expect(createCalls(cloud)).toEqual(DEFAULT_SCENARIO_CREATES);
    // Every deployment ended, and the endpoint serves an approved model, never the degraded one.
    expect(summary.deployments).toHaveLength(events('Deployment Started').length);
    const serving = cloud.sagemaker
      .endpoints()
      .find((e) => e.name === 'churn-prod')!
      .variants.map((v) => v.variantName);
    expect(serving).toHaveLength(1);
    const servingPackage = cloud.sagemaker
      .modelPackages()
      .find((p) => p.group === 'churn-models' && `v${p.version}` === serving[0]);
    expect(servingPackage?.approvalStatus).toBe('Approved');
    expect(summary.deployments.filter((d) => d.outcome === 'promoted').map((d) => d.modelPackageArn)).not.toContain(
      'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/3',
    );
  });
});
