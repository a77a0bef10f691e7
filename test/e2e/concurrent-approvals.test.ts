import type { Cloud } from '../../local/cloud';
import { betterSecondModel, domainEvents, quietCloud, registerAndApprove, waitFor } from '../helpers/e2e';

let cloud: Cloud;
beforeAll(async () => {
  // The newer model serves a little better: its canary passes on evidence, not on an identical model's coin toss.
  cloud = await quietCloud({ traffic: betterSecondModel() });
});
afterAll(() => cloud.stop());

describe('approvals that race', () => {
  it('start one deployment at a time on the endpoint, and the newer approval ends up serving', async () => {
    // Act: two models approved within the same second on an endpoint that does not exist yet; their events
    // reach Shepherd in either order
    const first = await registerAndApprove(cloud, 0.9);
    const second = await registerAndApprove(cloud, 0.91);
    await waitFor(
      cloud,
      'the newer model promoted',
      () => domainEvents(cloud, 'Deployment Promoted').some((e) => e.detail.modelPackageArn === second),
      6 * 3_600_000,
    );

    // Assess
    expect(cloud.calls.get('sagemaker:CreateEndpoint')).toBe(1);
    const started = domainEvents(cloud, 'Deployment Started').map((e) => e.detail.modelPackageArn);
    // Either the first was deployed and the second queued behind it, or the second came first and superseded it.
    expect([[first, second], [second]]).toContainEqual(started);
    const ended = [...domainEvents(cloud, 'Deployment Promoted'), ...domainEvents(cloud, 'Deployment Rolled Back')];
    expect(ended).toHaveLength(started.length);
    expect(cloud.sagemaker.endpoints()[0]!.variants.map((v) => [v.variantName, v.currentWeight])).toEqual([
      ['v2', 100],
    ]);
  });
});
