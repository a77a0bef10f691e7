import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DeleteEndpointCommand, DescribeEndpointConfigCommand, SearchCommand } from '@aws-sdk/client-sagemaker';
import { handler } from '../../functions/cost-sweep';
import { notificationsSent, published, sagemaker } from '../helpers/aws';
import { cloudwatch, metricQueries, mockAccount, type MockEndpoint, resetCostAccount } from '../helpers/cost';
import { createTable, timeline } from '../helpers/dynamo';
import { context, fixture } from '../helpers/events';

beforeAll(createTable);
beforeEach(() => resetCostAccount({ clock: '2026-11-30T06:00:00Z' }));

const busy = (name: string): MockEndpoint => ({
  name,
  variants: [{ name: 'v1', count: 2, invocations: 5000, cpu: 60, memory: 70 }],
});
const scheduled = (id = 'sweep-1') => fixture('scheduled-event', { id });

describe('costSweep', () => {
  it('lists endpoints page by page with Search, and finds the idle one among them', async () => {
    // Prepare
    const endpoints = [
      ...Array.from({ length: 149 }, (_, i) => busy(`busy-${i}`)),
      {
        name: 'idle-one',
        variants: [{ name: 'v1', count: 1, invocations: 0, cpu: 1, memory: 5 }],
      },
    ];
    mockAccount(endpoints, 100);

    // Act
    const result = await handler(scheduled(), context());

    // Assess
    // The mock answers the second page only to its token (test/helpers/cost.ts): the recorded inputs cannot show it,
    // since the SDK's paginator sends one input object, its token updated, for every page.
    expect(sagemaker.commandCalls(SearchCommand)).toHaveLength(2);
    expect(result).toMatchObject({ status: 'done', findings: 2 });
    const event = published().find((e) => e.detailType === 'Cost Sweep Completed')!;
    expect(event.detail.findings.map((f: { kind: string; resource: string }) => `${f.kind} ${f.resource}`)).toEqual([
      'idle-endpoint idle-one',
      'single-az-endpoint idle-one',
    ]);
    expect(event.detail.findings[0]).toMatchObject({ monthlyCostUsd: 167.9, monthlySavingUsd: 167.9 });
  });

  it('sweeps once per scheduled event: a second delivery mails no second report and lists nothing again', async () => {
    // Prepare
    mockAccount([{ name: 'idle-one', variants: [{ name: 'v1', count: 1, invocations: 0, cpu: 1, memory: 5 }] }]);
    await handler(scheduled('tick-1'), context());
    const searchesBefore = sagemaker.commandCalls(SearchCommand).length;

    // Act
    const again = await handler(scheduled('tick-1'), context());

    // Assess
    expect(again).toMatchObject({ status: 'ignored', reason: 'this scheduled sweep already ran' });
    expect(sagemaker.commandCalls(SearchCommand)).toHaveLength(searchesBefore);
    expect(notificationsSent()).toHaveLength(1);
    expect(published().filter((e) => e.detailType === 'Cost Sweep Completed')).toHaveLength(1);
  });

  it('sweeps again on a retry of an incomplete delivery, and on the next scheduled event', async () => {
    // Prepare
    const account = () =>
      mockAccount([{ name: 'idle-one', variants: [{ name: 'v1', count: 1, invocations: 0, cpu: 1, memory: 5 }] }]);
    account();
    sagemaker.on(SearchCommand).rejects(Object.assign(new Error('boom'), { name: 'InternalFailure' }));
    await expect(handler(scheduled('tick-1'), context())).rejects.toThrow('cost sweep incomplete');
    account();

    // Act
    const retried = await handler(scheduled('tick-1'), context());
    const next = await handler(scheduled('tick-2'), context());

    // Assess
    expect(retried).toMatchObject({ status: 'done' });
    expect(next).toMatchObject({ status: 'done' });
    expect(notificationsSent()).toHaveLength(3);
  });

  it('asks CloudWatch per variant, at most 500 queries a call, never one call per endpoint', async () => {
    // Prepare: 200 endpoints x 3 queries (invocations, CPU, memory) = 600 queries
    mockAccount(Array.from({ length: 200 }, (_, i) => busy(`ep-${i}`)));

    // Act
    await handler(scheduled(), context());

    // Assess
    const calls = metricQueries();
    expect(calls.map((q) => q.length)).toEqual([500, 100]);
    const first = calls[0]![0]!.MetricStat!;
    expect(first.Metric!.Dimensions).toEqual([
      { Name: 'EndpointName', Value: 'ep-0' },
      { Name: 'VariantName', Value: 'v1' },
    ]);
    const namespaces = new Set(
      calls.flat().map((q) => `${q.MetricStat!.Metric!.Namespace} ${q.MetricStat!.Metric!.MetricName}`),
    );
    expect([...namespaces].sort()).toEqual([
      '/aws/sagemaker/Endpoints CPUUtilization',
      '/aws/sagemaker/Endpoints MemoryUtilization',
      'AWS/SageMaker Invocations',
    ]);
    expect(first.Period).toBe(7 * 86400);
  });

  it('does not call an endpoint idle when only its second variant serves', async () => {
    // Prepare
    mockAccount([
      {
        name: 'shadowed',
        variants: [
          { name: 'old', invocations: 0, cpu: 50, memory: 50 },
          { name: 'new', invocations: 900, cpu: 50, memory: 50 },
        ],
      },
    ]);

    // Act
    await handler(scheduled(), context());

    // Assess
    const kinds = published()[0]!.detail.findings.map((f: { kind: string }) => f.kind);
    expect(kinds).not.toContain('idle-endpoint');
  });

  it('reports a resource it could not read, sweeps the rest, mails the report and still fails the run', async () => {
    // Prepare
    mockAccount([
      busy('ok-one'),
      { name: 'broken', variants: [{ name: 'v1', invocations: 0 }] },
      {
        name: 'idle-too',
        variants: [{ name: 'v1', count: 2, invocations: 0, cpu: 1, memory: 1 }],
      },
    ]);
    sagemaker
      .on(DescribeEndpointConfigCommand, { EndpointConfigName: 'broken-config' })
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));

    // Act
    const run = handler(scheduled(), context());

    // Assess
    await expect(run).rejects.toThrow(/1 resource\(s\) not swept \(broken\)/);
    const report = notificationsSent()[0]!;
    expect(report.Message).toMatch(/idle-endpoint {2}idle-too/);
    expect(report.Message).toMatch(/Not swept \(1\):\n- broken: endpoint config: ThrottlingException: Rate exceeded/);
    expect(report.Subject).toMatch(/est\. \$335\.80\/month/);
  });

  it('is report-only under the example config: nothing deleted, the sweep on the account timeline', async () => {
    // Prepare
    mockAccount([
      { name: 'idle', tags: { 'shepherd:cost-action': 'delete' }, variants: [{ name: 'v1', invocations: 0 }] },
    ]);

    // Act
    await handler(scheduled(), context());

    // Assess
    expect(sagemaker.commandCalls(DeleteEndpointCommand)).toHaveLength(0);
    expect(notificationsSent()[0]!.Message).toMatch(/not acted on: enforcement is off/);
    expect((await timeline('cost-sweep')).map((t) => t.type)).toEqual(['cost-sweep']);
    expect(cloudwatch.commandCalls(GetMetricDataCommand)).toHaveLength(1);
  });

  it('keeps the mailed report under SNS’s 256 KB when thousands of findings come back', async () => {
    // Prepare
    mockAccount(
      Array.from({ length: 1500 }, (_, i) => ({
        name: `forgotten-${i}`,
        variants: [{ name: 'v1', count: 1, invocations: 0, cpu: 1, memory: 1 }],
      })),
    );

    // Act
    await handler(scheduled(), context());

    // Assess
    const message = notificationsSent()[0]!.Message!;
    expect(Buffer.byteLength(message)).toBeLessThan(256 * 1024);
    expect(message).toMatch(/Estimated monthly saving: \$251850\.00/);
    expect(message).toMatch(/… and 2700 smaller finding\(s\), left out of this message/);
  });

  it('keeps the mail under SNS’s 256 KB when ~1,700 resources cannot be swept, and counts them all', async () => {
    // Prepare: every endpoint config read fails, with a long error each
    const names = Array.from({ length: 1700 }, (_, i) => `unreadable-endpoint-of-a-long-name-${i}`);
    mockAccount(names.map((name) => ({ name, variants: [{ name: 'v1', invocations: 0 }] })));
    sagemaker
      .on(DescribeEndpointConfigCommand)
      .rejects(
        Object.assign(new Error(`User is not authorized to perform: ${'x'.repeat(120)}`), { name: 'AccessDenied' }),
      );

    // Act
    const run = handler(scheduled(), context());

    // Assess
    await expect(run).rejects.toThrow(/1700 resource\(s\) not swept/);
    const message = notificationsSent()[0]!.Message!;
    expect(Buffer.byteLength(message)).toBeLessThan(256 * 1024);
    expect(message).toMatch(/Not swept \(1700\):\n- unreadable-endpoint-of-a-long-name-0: /);
    expect(message.match(/^- unreadable-endpoint/gm)).toHaveLength(100);
    expect(message).toMatch(/… and 1600 more not swept, left out of this message: `shepherd sweep` lists them all/);
    expect(published()[0]!.detail.failures).toBe(1700);
  });
});
