import { endpointNames, sweptCloud } from '../helpers/cost-e2e';
import { domainEvents } from '../helpers/e2e';

describe('the scheduled cost sweep on the local cloud', () => {
  it('only reports under the example config: idle endpoints priced, Studio apps listed, nothing acted on', async () => {
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
      const studio = findings.filter((f) => f.kind === 'studio-app').map((f) => [f.resource, f.evidence]);
      expect(studio.sort()).toEqual([
        ['d-noshutdown01/default', 'JupyterLab app running on ml.g4dn.xlarge; its domain has no idle shutdown'],
        ['d-shutdown0002/default', 'CodeEditor app running on ml.t3.medium; its domain shuts idle apps down'],
      ]);
      const report = cloud.sns.outbox().find((n) => n.attributes.kind === 'report')!;
      expect(report.message).toContain('- studio-app  d-noshutdown01/default');
    } finally {
      await cloud.stop();
    }
  });
});
