// Lambda's retries of a scheduled sweep that ended incomplete: each attempt sweeps again, but together they act no
// more than one run's `maxActionsPerRun`, however many attempts it takes.
import { DeleteEndpointCommand, ListNotebookInstancesCommand, SearchCommand } from '@aws-sdk/client-sagemaker';
import { handler } from '../../functions/cost-sweep';
import { config } from '../../shared/runtime/config';
import { notificationsSent, sagemaker } from '../helpers/aws';
import { mockAccount, type MockEndpoint, resetCostAccount, searchRecord } from '../helpers/cost';
import { createTable } from '../helpers/dynamo';
import { context, fixture } from '../helpers/events';

const enforcement = config.costSweep!.enforcement;
const configured = { ...enforcement };
beforeAll(createTable);
beforeEach(async () => {
  await resetCostAccount();
  Object.assign(enforcement, { enabled: true, maxActionsPerRun: 2 });
});
afterEach(() => Object.assign(enforcement, configured));

const idle = (name: string): MockEndpoint => ({
  name,
  tags: { 'shepherd:cost-action': 'delete' },
  variants: [{ name: 'v1', count: 2, invocations: 0, cpu: 1, memory: 5 }],
});

/** Four idle endpoints opted in; Search stops listing one once it is deleted. No notebook can be listed. */
function accountWithAFailingRead(): void {
  const endpoints = ['idle-a', 'idle-b', 'idle-c', 'idle-d'].map(idle);
  mockAccount(endpoints);
  const gone = new Set<string>();
  sagemaker.on(DeleteEndpointCommand).callsFake(({ EndpointName }: { EndpointName: string }) => {
    gone.add(EndpointName);
    return {};
  });
  sagemaker
    .on(SearchCommand)
    .callsFake(() => ({ Results: endpoints.filter((e) => !gone.has(e.name)).map(searchRecord) }));
  sagemaker
    .on(ListNotebookInstancesCommand)
    .rejects(Object.assign(new Error('not authorized to ListNotebookInstances'), { name: 'AccessDeniedException' }));
}

describe('a scheduled sweep retried by Lambda', () => {
  it('takes at most the run’s cap of actions over all its attempts', async () => {
    // Prepare
    accountWithAFailingRead();
    const tick = fixture('scheduled-event', { id: 'tick-retried' });

    // Act: the delivery and Lambda's two retries of the same event, each failing on the notebooks
    for (let attempt = 0; attempt < 3; attempt++)
      await expect(handler(tick, context())).rejects.toThrow(/cost sweep incomplete/);

    // Assess
    expect(sagemaker.commandCalls(DeleteEndpointCommand)).toHaveLength(2);
    const last = notificationsSent().at(-1)!.Message!;
    expect(last).toContain("the run's cap of 2 action(s) is reached");
  });

  it('acts again on the next scheduled run', async () => {
    // Prepare
    accountWithAFailingRead();
    await expect(handler(fixture('scheduled-event', { id: 'day-1' }), context())).rejects.toThrow();

    // Act
    await expect(handler(fixture('scheduled-event', { id: 'day-2' }), context())).rejects.toThrow();

    // Assess
    expect(sagemaker.commandCalls(DeleteEndpointCommand)).toHaveLength(4);
  });
});
