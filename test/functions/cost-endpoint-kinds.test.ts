import { DeleteEndpointCommand } from '@aws-sdk/client-sagemaker';
import { sagemaker } from '../helpers/aws';
import { costService, metricQueries, mockAccount, resetCostAccount } from '../helpers/cost';
import { createTable } from '../helpers/dynamo';

beforeAll(createTable);
beforeEach(resetCostAccount);

const NOW = new Date('2026-11-30T06:00:00Z');
const enforced = () =>
  costService({ enforcement: { enabled: true, maxActionsPerRun: 5 } }, () => NOW).runSweep({
    enforce: true,
    notify: true,
  });
const optedIn = { 'shepherd:cost-action': 'delete' };

describe('cost sweep of endpoints that are not plain real-time ones', () => {
  it('does not call a busy asynchronous endpoint idle: it counts the requests it processed', async () => {
    // Prepare: an async endpoint publishes no Invocations at all, only InvocationsProcessed
    mockAccount([
      { name: 'queue-busy', async: true, tags: optedIn, variants: [{ name: 'v1', count: 2, invocations: 8000 }] },
      { name: 'queue-idle', async: true, tags: optedIn, variants: [{ name: 'v1', count: 2, invocations: 0 }] },
    ]);
    sagemaker.on(DeleteEndpointCommand).resolves({});

    // Act
    const result = await enforced();

    // Assess
    const idle = result.findings.filter((f) => f.kind === 'idle-endpoint').map((f) => f.resource);
    expect(idle).toEqual(['queue-idle']);
    expect(sagemaker.commandCalls(DeleteEndpointCommand).map((c) => c.args[0].input.EndpointName)).toEqual([
      'queue-idle',
    ]);
    const asked = metricQueries()
      .flat()
      .filter((q) => q.MetricStat!.Metric!.Namespace === 'AWS/SageMaker')
      .map((q) => q.MetricStat!.Metric!.MetricName);
    expect(asked).toEqual(['InvocationsProcessed', 'InvocationsProcessed']);
  });

  it('does not call an endpoint of inference components idle: its traffic is published per component', async () => {
    // Prepare: its config names no model, and no Invocations exist under EndpointName and VariantName
    mockAccount([
      {
        name: 'components',
        components: true,
        tags: optedIn,
        variants: [{ name: 'v1', count: 2, invocations: 9000, cpu: 2, memory: 5 }],
      },
    ]);
    sagemaker.on(DeleteEndpointCommand).resolves({});

    // Act
    const result = await enforced();

    // Assess
    expect(result.findings.map((f) => f.kind)).not.toContain('idle-endpoint');
    expect(result.findings.map((f) => f.kind)).not.toContain('oversized-endpoint');
    expect(sagemaker.commandCalls(DeleteEndpointCommand)).toHaveLength(0);
  });

  it('prices an idle serverless endpoint with provisioned concurrency as unknown, not free', async () => {
    // Prepare: provisioned concurrency is billed whether or not requests come
    mockAccount([
      { name: 'warm', tags: optedIn, variants: [{ name: 'v1', invocations: 0, serverless: { provisioned: 4 } }] },
      { name: 'cold', tags: optedIn, variants: [{ name: 'v1', invocations: 0, serverless: {} }] },
    ]);
    sagemaker.on(DeleteEndpointCommand).resolves({});

    // Act
    const result = await enforced();

    // Assess
    const idle = Object.fromEntries(
      result.findings.filter((f) => f.kind === 'idle-endpoint').map((f) => [f.resource, f]),
    );
    expect(idle.warm).toMatchObject({ monthlyCostUsd: null, monthlySavingUsd: null, action: 'delete' });
    expect(idle.warm!.evidence).toMatch(/provisioned concurrency of 4/);
    expect(idle.cold).toMatchObject({ monthlyCostUsd: 0, monthlySavingUsd: 0, action: 'report' });
    expect(result.unpricedFindings).toBe(1);
    expect(sagemaker.commandCalls(DeleteEndpointCommand).map((c) => c.args[0].input.EndpointName)).toEqual(['warm']);
  });
});
