import { endpointNames, sweptCloud } from '../helpers/cost-e2e';
import { domainEvents } from '../helpers/e2e';

describe('the scheduled cost sweep on the local cloud', () => {
  it('only reports under the example config: every idle endpoint priced, nothing deleted or stopped', async () => {
    // Prepare & Act
    const cloud = await sweptCloud();

    try {
      // Assess
      const findings = domainEvents(cloud, 'Cost Sweep Completed')[0]!.detail.findings as Record<string, unknown>[];
      const idle = findings.filter((f) => f.kind === 'idle-endpoint').map((f) => [f.resource, f.monthlySavingUsd]);
      expect(idle).toEqual([
        ['idle-not-opted', 671.6],
        ['idle-protected', 671.6],
        ['idle-big', 335.8],
        ['idle-small', 83.95],
      ]);
      expect(cloud.calls.get('sagemaker:DeleteEndpoint')).toBeUndefined();
      expect(cloud.calls.get('sagemaker:StopNotebookInstance')).toBeUndefined();
      expect(endpointNames(cloud)).toContain('idle-big');
      expect(cloud.sns.outbox().some((n) => n.attributes.kind === 'report')).toBe(true);
    } finally {
      await cloud.stop();
    }
  }, 180_000);
});
