// A GetMetricData answer that carries a query's own error: CloudWatch answers the call, but a result whose StatusCode
// is InternalError (or Forbidden) has no values because none were read, not because the variant served nothing.
import { GetMetricDataCommand, type GetMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import { DeleteEndpointCommand } from '@aws-sdk/client-sagemaker';
import { sagemaker } from '../helpers/aws';
import { cloudwatch, costService, mockAccount, resetCostAccount } from '../helpers/cost';
import { createTable } from '../helpers/dynamo';

beforeAll(createTable);
beforeEach(resetCostAccount);

const NOW = new Date('2026-11-30T06:00:00Z');

describe('a sweep whose metrics CloudWatch could not read', () => {
  it('neither calls the endpoint idle nor deletes it, and lists it as not swept', async () => {
    // Prepare: a busy endpoint opted in to deletion; CloudWatch's answer says every query failed internally
    mockAccount([
      {
        name: 'busy',
        tags: { 'shepherd:cost-action': 'delete' },
        variants: [{ name: 'v1', count: 2, invocations: 9000, cpu: 60, memory: 50 }],
      },
    ]);
    cloudwatch.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) => ({
      MetricDataResults: (input.MetricDataQueries ?? []).map((q) => ({
        Id: q.Id,
        Timestamps: [],
        Values: [],
        StatusCode: 'InternalError',
      })),
    }));
    sagemaker.on(DeleteEndpointCommand).resolves({});
    const sweeps = costService({ enforcement: { enabled: true, maxActionsPerRun: 5 } }, () => NOW);

    // Act
    const result = await sweeps.runSweep({ enforce: true, notify: false });

    // Assess
    expect(sagemaker.commandCalls(DeleteEndpointCommand)).toHaveLength(0);
    expect(result.findings.filter((f) => f.kind === 'idle-endpoint')).toEqual([]);
    expect(result.failures).toEqual([
      { resource: 'metrics of 1 variant(s)', error: expect.stringContaining('InternalError') },
    ]);
  });

  it('takes a query’s values from the page after an InternalError, as CloudWatch says to retry', async () => {
    // Prepare: one instance, judged once read; the first page fails every query with a NextToken, the next answers
    mockAccount([{ name: 'busy', variants: [{ name: 'v1', count: 1, invocations: 9000, cpu: 60, memory: 50 }] }]);
    cloudwatch.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) => {
      const retried = input.NextToken === 'again';
      return {
        MetricDataResults: (input.MetricDataQueries ?? []).map((q) => ({
          Id: q.Id,
          Timestamps: retried ? [input.StartTime!] : [],
          Values: retried ? [q.MetricStat?.Metric?.MetricName === 'Invocations' ? 9000 : 55] : [],
          StatusCode: retried ? 'Complete' : 'InternalError',
        })),
        ...(retried ? {} : { NextToken: 'again' }),
      };
    });
    const sweeps = costService({}, () => NOW);

    // Act
    const result = await sweeps.runSweep({ enforce: false, notify: false });

    // Assess
    expect(result.failures).toEqual([]);
    expect(result.findings.map((f) => f.kind)).toEqual(['single-az-endpoint']);
  });
});
