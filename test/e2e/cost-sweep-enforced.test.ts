import { endpointNames, sweptCloud } from '../helpers/cost-e2e';
import { domainEvents, fixture, waitFor } from '../helpers/e2e';

describe('the scheduled cost sweep on the local cloud, enforcement on', () => {
  it('acts on opted-in resources only, within the cap, and restore brings an endpoint back', async () => {
    // Prepare & Act
    const cloud = await sweptCloud(fixture('cost-enforced-shepherd.yml'));

    try {
      // Assess: the cap of 2 keeps the largest savings (idle-big $335.80, the notebook $167.90), not idle-small
      await waitFor(cloud, 'idle-big deleted', () => !endpointNames(cloud).includes('idle-big'));
      expect(endpointNames(cloud)).toEqual(['idle-not-opted', 'idle-protected', 'idle-small', 'second-variant-serves']);
      expect(cloud.sagemaker.notebookInstances()[0]!.status).toMatch(/^Stopp/);
      const outcome = Object.fromEntries(
        (
          domainEvents(cloud, 'Cost Sweep Completed')[0]!.detail.findings as {
            kind: string;
            resource: string;
            outcome: string;
          }[]
        )
          .filter((f) => f.kind === 'idle-endpoint')
          .map((f) => [f.resource, f.outcome]),
      );
      expect(outcome).toMatchObject({
        'idle-big': 'delete',
        'idle-small': "the run's cap of 2 action(s) is reached",
        'idle-protected': 'tagged shepherd:protect',
        'idle-not-opted': 'not tagged shepherd:cost-action=delete',
      });

      // Act: `shepherd restore idle-big`, run from the operator's machine against the same account
      const { costSweep } = await import('../../shared/runtime/cost');
      await costSweep().restoreEndpoint('idle-big');

      // Assess
      await waitFor(cloud, 'idle-big back in service', () =>
        cloud.sagemaker.endpoints().some((e) => e.name === 'idle-big' && e.status === 'InService'),
      );
      const back = cloud.sagemaker.endpoints().find((e) => e.name === 'idle-big')!;
      expect(back.configName).toBe('idle-big-config');
      expect(back.variants.map((v) => [v.variantName, v.instanceType, v.instanceCount])).toEqual([
        ['AllTraffic', 'ml.m5.xlarge', 2],
      ]);
      const tags = await cloud.sagemaker.handle('ListTags', { ResourceArn: back.arn });
      expect(tags).toEqual({
        Tags: [
          { Key: 'shepherd:cost-action', Value: 'delete' },
          { Key: 'team', Value: 'growth' },
          { Key: 'shepherd:restored-at', Value: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) },
        ],
      });
    } finally {
      await cloud.stop();
    }
  });
});
