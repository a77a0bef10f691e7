import type { Finding } from '../../shared/domain/cost/findings';
import { pricesFor } from '../../shared/domain/cost/prices';
import { reportText, totals } from '../../shared/domain/cost/report';
import {
  appIdleShutdown,
  type IdleShutdown,
  studioAppFindings,
  type StudioAppSeen,
} from '../../shared/domain/cost/studio';

const NOW = new Date('2026-11-30T12:00:00Z');
const IRELAND = pricesFor('eu-west-1');
const app = (patch: Partial<StudioAppSeen>): StudioAppSeen => ({
  domainId: 'd-1',
  userProfile: 'ann',
  type: 'JupyterServer',
  name: 'default',
  status: 'InService',
  instanceType: 'system',
  ...patch,
});
/** Apps judged by their domain's settings alone: spaces shared, set no timeout. */
const byDomain = (settings: IdleShutdown | undefined) => (a: StudioAppSeen) =>
  appIdleShutdown(a, { domain: () => settings, space: () => ({ timeoutMinutes: {} }), user: () => ({}) });
const noShutdown = byDomain({ JupyterLab: false, CodeEditor: false });

describe('Studio app findings', () => {
  it('name each app by domain, space or user profile, type and name, so `default` apps stay apart', () => {
    // Prepare
    const apps = [
      app({}),
      app({ userProfile: 'ben' }),
      app({ domainId: 'd-2' }),
      app({ userProfile: undefined, space: 'ann', type: 'JupyterLab', instanceType: 'ml.t3.medium' }),
      app({ type: 'KernelGateway', instanceType: 'ml.t3.medium' }),
    ];

    // Act
    const findings = studioAppFindings(apps, noShutdown, IRELAND, 'eu-west-1');

    // Assess
    expect(findings.map((f) => f.resource)).toEqual([
      'd-1/user/ann/JupyterServer/default',
      'd-1/user/ben/JupyterServer/default',
      'd-2/user/ann/JupyterServer/default',
      'd-1/space/ann/JupyterLab/default',
      'd-1/user/ann/KernelGateway/default',
    ]);
    expect(new Set(findings.map((f) => f.resource)).size).toBe(apps.length);
  });

  it('price an app on a known instance at the Studio rates, and call the system instance free', () => {
    // Act
    const findings = studioAppFindings(
      [app({}), app({ type: 'KernelGateway', name: 'ds-ml-g4dn-xlarge', instanceType: 'ml.g4dn.xlarge' })],
      noShutdown,
      IRELAND,
      'eu-west-1',
    );

    // Assess
    expect(findings[0]).toMatchObject({
      monthlyCostUsd: 0,
      monthlySavingUsd: 0,
      estimate: 'nothing to save: a JupyterServer app on the system instance is not billed',
    });
    expect(findings[1]).toMatchObject({
      monthlyCostUsd: 599.91,
      monthlySavingUsd: 599.91,
      action: 'report',
      estimate: 'estimate if it runs all month, on-demand prices of 2023-12-31',
    });
  });

  it('leave the saving at nothing when the domain stops idle apps, unknown when it could not be read', () => {
    // Prepare
    const apps = [app({ domainId: 'd-tidy', type: 'JupyterLab', space: 's', instanceType: 'ml.m5.large' })];

    // Act
    const tidy = studioAppFindings(apps, byDomain({ JupyterLab: true, CodeEditor: true }), IRELAND, 'eu-west-1');
    const unread = studioAppFindings(apps, byDomain(undefined), IRELAND, 'eu-west-1');

    // Assess
    expect(tidy[0]).toMatchObject({ monthlyCostUsd: 93.44, monthlySavingUsd: 0 });
    expect(tidy[0]!.evidence).toBe('JupyterLab app running on ml.m5.large; its domain shuts idle apps down');
    expect(unread[0]).toMatchObject({ monthlyCostUsd: 93.44, monthlySavingUsd: null });
    expect(unread[0]!.estimate).toBe('no estimate of the saving: its domain could not be read');
  });

  it('call an unpriced type, a region without Studio prices, or an app billed otherwise unknown, never $0', () => {
    // Prepare
    const apps = [
      app({ type: 'JupyterLab', space: 's', instanceType: 'ml.c5.xlarge' }),
      app({ type: 'Canvas', name: 'canvas', instanceType: undefined }),
      app({ type: 'KernelGateway', instanceType: undefined }),
    ];

    // Act
    const ireland = studioAppFindings(apps, noShutdown, IRELAND, 'eu-west-1');
    const virginia = studioAppFindings(
      [app({ type: 'KernelGateway', instanceType: 'ml.t3.medium' })],
      noShutdown,
      pricesFor('us-east-1'),
      'us-east-1',
    );

    // Assess
    expect(ireland.map((f) => [f.monthlyCostUsd, f.monthlySavingUsd, f.estimate])).toEqual([
      [null, null, 'no estimate: the price table (2023-12-31) does not know this type in this region'],
      [null, null, 'no estimate: the table has no prices for Canvas apps'],
      [null, null, 'no estimate: ListApps gave no instance type'],
    ]);
    expect(virginia[0]).toMatchObject({ monthlyCostUsd: null, monthlySavingUsd: null });
  });
});

describe('the estimated saving when prices are missing', () => {
  const finding = (kind: Finding['kind'], saving: number | null): Finding => ({
    kind,
    resource: `${kind}-${saving}`,
    evidence: '',
    monthlyCostUsd: saving,
    monthlySavingUsd: saving,
    action: 'report',
    estimate: '',
  });

  it('is unknown, not $0, when nothing that may save has a price', () => {
    // Prepare
    const findings = [finding('notebook', null), finding('leftover', 0), finding('single-az-endpoint', null)];

    // Act
    const sum = totals(findings);
    const text = reportText(findings, [], [], pricesFor('us-east-1'), NOW, { trainingDays: 7 });

    // Assess
    expect(sum).toMatchObject({ pricedSavingUsd: 0, monthlySavingUsd: null, unpriced: 1 });
    expect(text.split('\n')[2]).toBe(
      'Estimated monthly saving: unknown (on-demand prices of 2026-11-01; estimates, not bills): ' +
        '1 finding(s) with no estimate',
    );
  });

  it('is a lower bound when some findings are priced, and says how many it leaves out', () => {
    // Prepare
    const findings = [
      finding('idle-endpoint', 167.9),
      finding('studio-app', null),
      finding('oversized-endpoint', null),
    ];

    // Act
    const sum = totals(findings);
    const text = reportText(findings, [], [], pricesFor('us-east-1'), NOW, { trainingDays: 7 });

    // Assess
    expect(sum).toMatchObject({ pricedSavingUsd: 167.9, monthlySavingUsd: 167.9, unpriced: 2 });
    expect(text.split('\n')[2]).toBe(
      'Estimated monthly saving: at least $167.90 (on-demand prices of 2026-11-01; estimates, not bills), ' +
        'plus 2 finding(s) with no estimate',
    );
  });

  it('is a true $0 when every finding is priced and none saves anything', () => {
    // Act
    const sum = totals([finding('leftover', 0), finding('single-az-endpoint', null)]);

    // Assess
    expect(sum).toMatchObject({ monthlySavingUsd: 0, unpriced: 0 });
  });
});
