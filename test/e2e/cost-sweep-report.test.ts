import { endpointNames, sweptCloud } from '../helpers/cost-e2e';
import { domainEvents } from '../helpers/e2e';
import { summarize } from '../../local/summary';

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
      expect(cloud.calls.get('sagemaker:StopTrainingJob')).toBeUndefined();
      // The summary (`npm start -- --json`) says what the sweep saw running, as ListTrainingJobs InProgress gave it
      expect(summarize(cloud, []).costFindings).toContainEqual(
        expect.objectContaining({
          kind: 'running-training',
          resource: 'forgotten-finetune',
          evidence: expect.stringMatching(/^2 x ml\.p3\.2xlarge running for 30 h, more than 24 h, for a job Shepherd/),
          per: 'so-far',
        }),
      );
      expect(cloud.calls.get('sagemaker:StopNotebookInstance')).toBeUndefined();
      expect(endpointNames(cloud)).toContain('idle-big');
      // Four apps named default, each its own finding; us-east-1 has no Studio prices, the system instance is
      // free, and a domain that stops idle apps leaves nothing to save
      const studio = findings
        .filter((f) => f.kind === 'studio-app')
        .map((f) => [f.resource, f.monthlySavingUsd, f.evidence]);
      expect(studio.sort()).toEqual([
        [
          'd-noshutdown01/space/ann/JupyterLab/default',
          null,
          'JupyterLab app running on ml.g4dn.xlarge; its domain has no idle shutdown',
        ],
        [
          'd-noshutdown01/user/ann/JupyterServer/default',
          0,
          'JupyterServer app running on system; its domain’s idle shutdown does not cover JupyterServer apps',
        ],
        [
          'd-shutdown0002/space/ben/CodeEditor/default',
          0,
          'CodeEditor app running on ml.t3.medium; its domain shuts idle apps down',
        ],
        [
          'd-shutdown0002/user/ann/JupyterServer/default',
          0,
          'JupyterServer app running on system; its domain’s idle shutdown does not cover JupyterServer apps',
        ],
      ]);
      const report = cloud.sns.outbox().find((n) => n.attributes.kind === 'report')!;
      expect(report.message).toContain('- studio-app  d-noshutdown01/space/ann/JupyterLab/default');
      expect(report.message).toContain('- studio-app  d-shutdown0002/user/ann/JupyterServer/default');
      // The unpriced app is left out of the total, and the mail says so
      expect(report.message.split('\n')[2]).toMatch(
        /^Estimated monthly saving: at least \$[\d.]+ \(.*\), plus 1 finding\(s\) with no estimate$/,
      );
    } finally {
      await cloud.stop();
    }
  });
});
