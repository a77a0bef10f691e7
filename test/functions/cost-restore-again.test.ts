import { CreateEndpointCommand, CreateEndpointConfigCommand, DeleteEndpointCommand } from '@aws-sdk/client-sagemaker';
import { sagemaker } from '../helpers/aws';
import { costService, type MockEndpoint, mockAccount, resetCostAccount } from '../helpers/cost';
import { createTable } from '../helpers/dynamo';

beforeAll(createTable);
beforeEach(resetCostAccount);

const NOW = new Date('2026-11-30T06:00:00Z');
const enforcement = { enforcement: { enabled: true, maxActionsPerRun: 5 } };
const idle = (name: string, tags: Record<string, string>, lastModified: string): MockEndpoint => ({
  name,
  tags: { 'shepherd:cost-action': 'delete', ...tags },
  lastModified,
  variants: [{ name: 'v1', count: 2, invocations: 0, cpu: 1, memory: 5 }],
});

describe('an endpoint restored after a sweep deleted it', () => {
  it('is tagged with when it was restored, and the restore says a sweep may delete it again', async () => {
    // Prepare: the sweep deletes the idle, opted-in endpoint
    mockAccount([idle('back', {}, '2026-09-01T00:00:00Z')]);
    sagemaker.on(DeleteEndpointCommand).resolves({});
    const sweeps = costService(enforcement, () => NOW);
    await sweeps.runSweep({ enforce: true, notify: false });
    sagemaker.on(CreateEndpointConfigCommand).resolves({});
    sagemaker.on(CreateEndpointCommand).resolves({});

    // Act
    const restored = await sweeps.restoreEndpoint('back');

    // Assess
    expect(sagemaker.commandCalls(CreateEndpointCommand)[0]!.args[0].input.Tags).toContainEqual({
      Key: 'shepherd:restored-at',
      Value: NOW.toISOString(),
    });
    expect(restored).toMatchObject({
      outcome: 'done',
      message:
        'endpoint back is being created from back-config. It keeps shepherd:cost-action=delete: a sweep deletes it ' +
        'again if it serves nothing for costSweep.idleDays from now; untag it to keep it',
    });
  });

  it('is not called idle within idleDays of its restore, and its next deletion says when it was restored', async () => {
    // Prepare: one restored a day ago, one restored ten days ago and idle since (idleDays: 7)
    mockAccount([
      idle('just-back', { 'shepherd:restored-at': '2026-11-29T06:00:00.000Z' }, '2026-11-29T06:05:00Z'),
      idle('idle-again', { 'shepherd:restored-at': '2026-11-20T06:00:00.000Z' }, '2026-11-20T06:05:00Z'),
    ]);
    sagemaker.on(DeleteEndpointCommand).resolves({});

    // Act
    const result = await costService(enforcement, () => NOW).runSweep({ enforce: true, notify: false });

    // Assess
    expect(sagemaker.commandCalls(DeleteEndpointCommand).map((c) => c.args[0].input.EndpointName)).toEqual([
      'idle-again',
    ]);
    const idleFindings = result.findings.filter((f) => f.kind === 'idle-endpoint');
    expect(idleFindings.map((f) => [f.resource, f.evidence])).toEqual([
      [
        'idle-again',
        'no invocations on any of its 1 variant(s) in 7 days; restored on 2026-11-20 after a sweep deleted it',
      ],
    ]);
  });
});
