import type { Cloud } from '../../local/cloud';
import { domainEvents, quietCloud, registerAndApprove, silentRollbackOf, waitFor } from '../helpers/e2e';

let cloud: Cloud;
beforeAll(async () => {
  // The first UpdateEndpoint of churn-prod fails and SageMaker rolls it back without a word.
  cloud = await quietCloud({ endpointOutcomes: [silentRollbackOf(1)] });
});
afterAll(() => cloud.stop());

describe('a silent SageMaker rollback', () => {
  it('is detected from the endpoint’s actual config: the deployment fails loudly, the baseline serves', async () => {
    // Prepare
    await registerAndApprove(cloud, 0.9);
    await waitFor(cloud, 'the first model promoted', () => domainEvents(cloud, 'Deployment Promoted').length === 1);
    const baselineConfig = cloud.sagemaker.endpoints()[0]!.configName;

    // Act
    const candidate = await registerAndApprove(cloud, 0.92);
    const critical = () => cloud.sns.outbox().filter((n) => n.attributes.severity === 'critical');
    await waitFor(
      cloud,
      'the canary to end and be told',
      () => domainEvents(cloud, 'Deployment Rolled Back').length === 1 && critical().length > 0,
    );

    // Assess
    const [ended] = domainEvents(cloud, 'Deployment Rolled Back');
    expect(ended!.detail).toMatchObject({
      modelPackageArn: candidate,
      outcome: 'failed',
      reason: expect.stringMatching(
        /^SageMaker rolled the endpoint back: it serves .*, not .*ping health check failed/,
      ),
    });
    const endpoint = cloud.sagemaker.endpoints()[0]!;
    expect(endpoint).toMatchObject({ status: 'InService', configName: baselineConfig });
    expect(endpoint.variants.map((v) => v.variantName)).toEqual(['v1']);
    expect(critical().map((n) => n.subject)).toEqual(['[Shepherd] churn: deployment on churn-prod failed']);
    // An infrastructure failure is not the model's fault: the package stays approved.
    expect(cloud.sagemaker.modelPackages().find((p) => p.arn === candidate)?.approvalStatus).toBe('Approved');
  });
});
