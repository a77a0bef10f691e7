import { planActions } from '../../shared/domain/cost/enforcement';
import { leftoverFindings } from '../../shared/domain/cost/leftovers';
import { reportText, totals } from '../../shared/domain/cost/report';
import { endpointFindings, type EndpointSeen } from '../../shared/domain/cost/endpoints';
import type { Finding } from '../../shared/domain/cost/findings';
import { pricesFor, withOverrides } from '../../shared/domain/cost/prices';
import { notebookFindings, spotSaving, trainingFindings } from '../../shared/domain/cost/workspaces';

const NOW = new Date('2026-11-30T12:00:00Z');
const POLICY = { idleDays: 7, cpuPercent: 10, memoryPercent: 30, gpuPercent: 10 };
const REGION = 'us-east-1';
const US_EAST_1 = pricesFor(REGION);
const LONG_AGO = '2026-10-01T00:00:00Z';
// Notebook and training prices are not in the default table: a config sets them.
const PRICED = withOverrides(US_EAST_1, {
  notebook: { [REGION]: { 'ml.m5.xlarge': 0.23 } },
  training: { [REGION]: { 'ml.m5.xlarge': 0.23 } },
});

const endpoint = (variants: EndpointSeen['variants'], patch: Partial<EndpointSeen> = {}): EndpointSeen => ({
  name: 'churn-prod',
  status: 'InService',
  lastModified: LONG_AGO,
  variants,
  ...patch,
});
const onInstances = (name: string, invocations: number | undefined, patch = {}) => ({
  name,
  instanceType: 'ml.m5.xlarge',
  instanceCount: 2,
  serverless: false,
  ...(invocations === undefined ? {} : { invocations }),
  ...patch,
});
const kinds = (findings: Finding[]) => findings.map((f) => f.kind);

describe('endpoint findings', () => {
  it('find an endpoint idle only when no variant served for the whole window, with what it costs', () => {
    // Act
    const idle = endpointFindings(
      endpoint([onInstances('v1', 0), onInstances('v2', undefined)]),
      POLICY,
      US_EAST_1,
      REGION,
      NOW,
    );
    const secondServes = endpointFindings(
      endpoint([onInstances('v1', 0), onInstances('v2', 4_000)]),
      POLICY,
      US_EAST_1,
      REGION,
      NOW,
    );
    const young = endpointFindings(
      endpoint([onInstances('v1', 0)], { lastModified: '2026-11-29T00:00:00Z' }),
      POLICY,
      US_EAST_1,
      REGION,
      NOW,
    );

    // Assess
    expect(idle).toEqual([
      expect.objectContaining({
        kind: 'idle-endpoint',
        monthlyCostUsd: 671.6,
        monthlySavingUsd: 671.6,
        action: 'delete',
        estimate: 'estimate, on-demand prices of 2026-11-01',
      }),
    ]);
    expect(kinds(secondServes)).not.toContain('idle-endpoint');
    expect(young).toEqual([]);
  });

  it('report an idle serverless endpoint as configuration only: it costs nothing idle', () => {
    // Act
    const findings = endpointFindings(
      endpoint([{ name: 'v1', instanceCount: 0, serverless: true, invocations: 0 }]),
      POLICY,
      US_EAST_1,
      REGION,
      NOW,
    );

    // Assess
    expect(findings).toEqual([
      expect.objectContaining({ kind: 'idle-endpoint', monthlyCostUsd: 0, monthlySavingUsd: 0, action: 'report' }),
    ]);
  });

  it('say "unknown", never 0, for an instance type the table does not price', () => {
    // Act
    const [finding] = endpointFindings(
      endpoint([onInstances('v1', 0, { instanceType: 'ml.inf1.xlarge' })]),
      POLICY,
      US_EAST_1,
      REGION,
      NOW,
    );

    // Assess
    expect(finding).toMatchObject({ monthlyCostUsd: null, monthlySavingUsd: null });
    expect(finding!.estimate).toMatch(/^no estimate/);
  });

  it('find an oversized variant from its low peaks and price one size down', () => {
    // Act
    const findings = endpointFindings(
      endpoint([onInstances('v1', 50_000, { maxCpu: 6, maxMemory: 22 })]),
      POLICY,
      US_EAST_1,
      REGION,
      NOW,
    );
    const busy = endpointFindings(
      endpoint([onInstances('v1', 50_000, { maxCpu: 65, maxMemory: 22 })]),
      POLICY,
      US_EAST_1,
      REGION,
      NOW,
    );

    // Assess: 2 x (0.23 - 0.115) x 730
    expect(findings).toEqual([
      expect.objectContaining({
        kind: 'oversized-endpoint',
        resource: 'churn-prod/v1',
        monthlyCostUsd: 335.8,
        monthlySavingUsd: 167.9,
      }),
    ]);
    expect(findings[0]!.evidence).toContain('try ml.m5.large, or serverless inference');
    expect(busy).toEqual([]);
  });

  it('leave the saving of the smallest size of a family unknown, and say why rather than blame the table', () => {
    // Act
    const findings = endpointFindings(
      endpoint([onInstances('v1', 300, { instanceType: 'ml.g4dn.xlarge', maxCpu: 4, maxMemory: 10, maxGpu: 2 })]),
      POLICY,
      US_EAST_1,
      REGION,
      NOW,
    );

    // Assess
    expect(findings[0]).toMatchObject({
      kind: 'oversized-endpoint',
      monthlyCostUsd: 1075.14,
      monthlySavingUsd: null,
      estimate: "no estimate: ml.g4dn.xlarge is its family's smallest size",
    });
    expect(findings[0]!.evidence).toContain('try serverless inference');
  });

  it('flag a production variant on one instance as a reliability finding', () => {
    // Act
    const findings = endpointFindings(
      endpoint([onInstances('v1', 10, { instanceCount: 1, maxCpu: 50 })]),
      POLICY,
      US_EAST_1,
      REGION,
      NOW,
    );

    // Assess
    expect(findings).toEqual([
      expect.objectContaining({ kind: 'single-az-endpoint', monthlySavingUsd: null, action: 'report' }),
    ]);
  });
});

describe('workspace and training findings', () => {
  it('find notebooks in service past the limit, and only those', () => {
    // Act
    const findings = notebookFindings(
      [
        { name: 'left-on', status: 'InService', instanceType: 'ml.m5.xlarge', lastModified: '2026-11-28T12:00:00Z' },
        { name: 'fresh', status: 'InService', instanceType: 'ml.m5.xlarge', lastModified: '2026-11-30T10:00:00Z' },
        { name: 'stopped', status: 'Stopped', instanceType: 'ml.m5.xlarge', lastModified: '2026-11-01T00:00:00Z' },
      ],
      24,
      PRICED,
      REGION,
      NOW,
    );

    // Assess
    expect(findings).toEqual([
      expect.objectContaining({ kind: 'notebook', resource: 'left-on', action: 'stop', monthlyCostUsd: 167.9 }),
    ]);
    expect(findings[0]!.evidence).toContain('48 h');
  });

  it('price training without spot and measure what spot saved the jobs that used it', () => {
    // Prepare
    const jobs = [
      {
        name: 'on-demand',
        instances: [{ type: 'ml.m5.xlarge', count: 2 }],
        spot: false,
        trainingSeconds: 36_000,
        billableSeconds: 36_000,
        endedAt: LONG_AGO,
      },
      {
        name: 'spot',
        instances: [{ type: 'ml.m5.xlarge', count: 1 }],
        spot: true,
        trainingSeconds: 3_600,
        billableSeconds: 900,
        endedAt: LONG_AGO,
      },
    ];

    // Act
    const findings = trainingFindings(jobs, PRICED, REGION);
    const unpriced = trainingFindings(jobs, US_EAST_1, REGION);

    // Assess: 20 instance-hours at 0.23, 70 % of it
    expect(findings).toEqual([
      expect.objectContaining({
        kind: 'non-spot-training',
        resource: 'on-demand',
        monthlyCostUsd: 4.6,
        monthlySavingUsd: 3.22,
      }),
    ]);
    expect(unpriced).toEqual([expect.objectContaining({ monthlyCostUsd: null, monthlySavingUsd: null })]);
    expect(spotSaving(jobs)).toEqual({ jobs: 1, savedShare: 0.75 });
  });
});

describe('leftovers', () => {
  it('find only what Shepherd created, nothing uses and is past its grace period', () => {
    // Prepare
    const tagged = { 'shepherd:model': 'churn' };
    const resources = [
      { kind: 'endpoint-config' as const, name: 'churn-prod-old-final', tags: tagged, createdAt: LONG_AGO },
      { kind: 'endpoint-config' as const, name: 'churn-prod-serving', tags: tagged, createdAt: LONG_AGO },
      { kind: 'model' as const, name: 'someone-elses', tags: {}, createdAt: LONG_AGO },
      { kind: 'model' as const, name: 'churn-v9-fresh', tags: tagged, createdAt: '2026-11-30T11:00:00Z' },
    ];

    // Act
    const findings = leftoverFindings(resources, new Set(['churn-prod-serving']), 24, NOW);

    // Assess
    expect(findings).toEqual([
      expect.objectContaining({ kind: 'leftover', resource: 'churn-prod-old-final', action: 'delete' }),
    ]);
  });
});

describe('enforcement', () => {
  const idle = (resource: string, saving: number): Finding => ({
    kind: 'idle-endpoint',
    resource,
    evidence: '',
    monthlyCostUsd: saving,
    monthlySavingUsd: saving,
    action: 'delete',
    estimate: '',
  });
  const tags: Record<string, Record<string, string>> = {
    a: { 'shepherd:cost-action': 'delete' },
    b: { 'shepherd:cost-action': 'delete', 'shepherd:protect': 'true' },
    c: {},
    d: { 'shepherd:cost-action': 'delete' },
    e: { 'shepherd:cost-action': 'stop' },
  };

  it('acts only on opted-in, unprotected resources, the largest savings first, up to the cap', () => {
    // Act
    const plan = planActions(
      ['a', 'b', 'c', 'd', 'e'].map((r, i) => idle(r, 100 - i)),
      (f) => tags[f.resource]!,
      { enabled: true, maxActionsPerRun: 1 },
    );

    // Assess
    expect(plan.planned.map((p) => p.finding.resource)).toEqual(['a']);
    expect(Object.fromEntries(plan.skipped.map((s) => [s.finding.resource, s.why]))).toEqual({
      b: 'tagged shepherd:protect',
      c: 'not tagged shepherd:cost-action=delete',
      d: "the run's cap of 1 action(s) is reached",
      e: 'not tagged shepherd:cost-action=delete',
    });
  });

  it('does nothing while enforcement is off, whatever the tags', () => {
    // Act
    const plan = planActions([idle('a', 10)], (f) => tags[f.resource]!, { enabled: false, maxActionsPerRun: 5 });

    // Assess
    expect(plan.planned).toEqual([]);
    expect(plan.skipped[0]!.why).toBe('enforcement is off');
  });
});

describe('the sweep report', () => {
  it('puts the totals first, then the findings by saving, each figure an estimate with its prices date', () => {
    // Prepare
    const findings: Finding[] = [
      {
        kind: 'single-az-endpoint',
        resource: 'small',
        evidence: 'one instance',
        monthlyCostUsd: 84,
        monthlySavingUsd: null,
        action: 'report',
        estimate: 'a reliability finding',
      },
      {
        kind: 'idle-endpoint',
        resource: 'idle-big',
        evidence: 'no invocations',
        monthlyCostUsd: 671.6,
        monthlySavingUsd: 671.6,
        action: 'delete',
        estimate: 'estimate, on-demand prices of 2026-11-01',
      },
      {
        kind: 'idle-endpoint',
        resource: 'idle-small',
        evidence: 'no invocations',
        monthlyCostUsd: 167.9,
        monthlySavingUsd: 167.9,
        action: 'delete',
        estimate: 'estimate, on-demand prices of 2026-11-01',
      },
    ];

    // Act
    const text = reportText(
      findings,
      [{ finding: findings[1]!, action: 'delete' }],
      [{ finding: findings[2]!, why: 'tagged shepherd:protect' }],
      US_EAST_1,
      NOW,
      { trainingDays: 7 },
    );

    // Assess
    expect(totals(findings)).toEqual({
      findings: 3,
      pricedSavingUsd: 839.5,
      monthlySavingUsd: 839.5,
      unpriced: 0,
      byKind: { 'single-az-endpoint': 1, 'idle-endpoint': 2 },
      runs: { findings: 0, savingUsd: null, unpriced: 0 },
    });
    const lines = text.split('\n');
    expect(lines[2]).toBe('Estimated monthly saving: $839.50 (on-demand prices of 2026-11-01; estimates, not bills)');
    expect(lines[4]).toBe('Actions: delete idle-big');
    expect(lines.filter((l) => l.startsWith('- ')).map((l) => l.split('  ')[1])).toEqual([
      'idle-big',
      'idle-small',
      'small',
    ]);
    expect(text).toContain('not acted on: tagged shepherd:protect');
  });

  it('says what was done per finding, not per resource, and lists only the largest when limited', () => {
    // Prepare
    const idle: Finding = {
      kind: 'idle-endpoint',
      resource: 'lonely',
      evidence: 'no invocations',
      monthlyCostUsd: 167.9,
      monthlySavingUsd: 167.9,
      action: 'delete',
      estimate: 'estimate, on-demand prices of 2026-11-01',
    };
    const oneZone: Finding = { ...idle, kind: 'single-az-endpoint', monthlySavingUsd: null, action: 'report' };
    const small: Finding = { ...idle, resource: 'tiny', monthlyCostUsd: 10, monthlySavingUsd: 10 };

    // Act
    const text = reportText([oneZone, small, idle], [{ finding: idle, action: 'delete' }], [], US_EAST_1, NOW, {
      limit: 2,
      trainingDays: 7,
    });

    // Assess
    const listed = text.split('\n').filter((l) => l.startsWith('- '));
    expect(listed).toEqual(['- idle-endpoint  lonely', '- idle-endpoint  tiny']);
    expect(text.match(/action: delete/g)).toHaveLength(1);
    expect(text).toContain('Estimated monthly saving: $177.90');
    expect(text.split('\n').at(-1)).toBe('… and 1 smaller finding(s), left out of this message');
  });
});
