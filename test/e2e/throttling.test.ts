import { playDefault, seeded } from '../helpers/e2e';

describe('a throttled AWS account', () => {
  it('still completes the lifecycle when 30 % of SageMaker and CloudWatch calls are throttled', async () => {
    // Act
    // The SDK backs off in wall-clock seconds, which the accelerated clock turns into virtual hours, so the
    // scenario's timing (cooldowns, queues) shifts: what must hold is that nothing is lost or done twice.
    const { summary, cloud } = await playDefault({ throttle: { sagemaker: 0.3, cloudwatch: 0.3 }, random: seeded(7), timeoutMs: 14 * 3_600_000 });

    // Assess
    const events = (type: string) => cloud.eventbridge.published.filter((e) => e['detail-type'] === type);
    expect(cloud.lambda.deadLetters.map((d) => `${d.function}: ${d.error}`)).toEqual([]);
    // Every churn training ended, and every completed one was registered or rejected.
    const churn = summary.trainingJobs.filter((j) => j.model === 'churn');
    expect(churn.length).toBeGreaterThanOrEqual(4);
    expect(churn.every((j) => j.status === 'Completed' || j.secondaryStatus === 'MaxWaitTimeExceeded')).toBe(true);
    const completed = churn.filter((j) => j.status === 'Completed').length;
    // Domain events are at least once (a retried registration publishes again): count the trainings they name.
    const outcomes = new Set([...events('Model Registered').filter((e) => e.detail.model === 'churn'), ...events('Training Rejected')].map((e) => e.detail.trainingJobName));
    expect(outcomes.size).toBe(completed);
    // No Create* twice for the same thing.
    expect(cloud.calls.get('sagemaker:CreateTrainingJob')).toBe(new Set(summary.trainingJobs.map((j) => j.name)).size);
    expect(cloud.calls.get('sagemaker:CreateEndpoint')).toBe(1);
    // Every deployment ended, and the endpoint serves an approved model, never the degraded one.
    expect(summary.deployments).toHaveLength(events('Deployment Started').length);
    const serving = cloud.sagemaker.endpoints()[0]!.variants.map((v) => v.variantName);
    expect(serving).toHaveLength(1);
    const servingPackage = cloud.sagemaker.modelPackages().find((p) => p.group === 'churn-models' && `v${p.version}` === serving[0]);
    expect(servingPackage?.approvalStatus).toBe('Approved');
    expect(summary.deployments.filter((d) => d.outcome === 'promoted').map((d) => d.modelPackageArn)).not.toContain('arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/3');
  }, 180_000);
});
