import { DeleteEndpointCommand } from '@aws-sdk/client-sagemaker';
import { sagemaker } from '../helpers/aws';
import { costService, mockAccount, resetCostAccount } from '../helpers/cost';
import { createTable } from '../helpers/dynamo';

beforeAll(createTable);
beforeEach(resetCostAccount);

const EARLIER = new Date('2026-11-30T06:00:00Z');
const LATER = new Date('2026-11-30T07:00:00Z');
const enforcement = { enforcement: { enabled: true, maxActionsPerRun: 5 } };

describe('a sweep whose snapshot of an endpoint loses to a newer one', () => {
  it('does not delete the endpoint, and reports it held with why', async () => {
    // Prepare: a later sweep already snapshotted and deleted the endpoint; it is back (recreated) and idle again
    mockAccount([
      {
        name: 'raced',
        tags: { 'shepherd:cost-action': 'delete' },
        variants: [{ name: 'v1', count: 2, invocations: 0, cpu: 1, memory: 5 }],
      },
    ]);
    sagemaker.on(DeleteEndpointCommand).resolves({});
    await costService(enforcement, () => LATER).runSweep({ enforce: true, notify: false });
    sagemaker.resetHistory();

    // Act: a sweep whose survey is older than that snapshot reaches the endpoint
    const result = await costService(enforcement, () => EARLIER).runSweep({ enforce: true, notify: false });

    // Assess
    expect(sagemaker.commandCalls(DeleteEndpointCommand)).toHaveLength(0);
    expect(result.findings.find((f) => f.resource === 'raced')?.outcome).toBe(
      'not deleted: a later sweep kept a newer snapshot of it, so this older survey could not snapshot it',
    );
    expect(result.actions).toEqual([]);
  });
});
