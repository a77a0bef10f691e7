import { DeleteEndpointConfigCommand, DeleteModelCommand, SageMakerServiceException } from '@aws-sdk/client-sagemaker';
import { handler } from '../../functions/endpoint-state-changed';
import { sagemaker } from '../helpers/aws';
import { createTable, deploymentItem, putItem } from '../helpers/dynamo';
import { context, fixture } from '../helpers/events';
import { OLD_CONFIG, endpointServes, resetHosting } from '../helpers/hosting';
import { freshWorld } from '../helpers/function-world';

const $metadata = { httpStatusCode: 400, requestId: 'r-1' };
const inUse = () =>
  new SageMakerServiceException({
    name: 'ValidationException',
    $fault: 'client',
    $metadata,
    message: 'Cannot delete endpoint config churn-prod-old1-final: it is in use',
  });

const entry = (index: number, action: Record<string, unknown>) => ({
  id: `0000000007-00${index}`,
  action,
  createdAt: '2026-11-27T03:00:00.000Z',
  leaseUntil: 0,
});

/**
 * A promotion's clean-up written, its deletions not yet made (the invocation that decided it was throttled): the
 * names it deletes are no longer in `created`, which holds only what the promotion keeps.
 */
async function cleanupPending(): Promise<void> {
  await putItem({
    pk: 'ENDPOINT#churn-prod',
    sk: 'DEPLOYMENT',
    endpoint: 'churn-prod',
    version: 7,
    history: [],
    recent: [],
    created: { configs: [OLD_CONFIG], models: ['churn-v1-111111'] },
    outbox: Object.fromEntries(
      [
        entry(0, { type: 'deleteEndpointConfig', name: 'churn-prod-old1-final' }),
        entry(1, { type: 'deleteEndpointConfig', name: 'churn-prod-old2-final' }),
        entry(2, { type: 'deleteModel', name: 'churn-v0-000000' }),
      ].map((e) => [e.id, e]),
    ),
  });
}

beforeAll(createTable);
beforeEach(() => freshWorld({ clock: '2026-11-27T03:05:00Z', alsoReset: [resetHosting] }));

describe('a clean-up deletion AWS refuses for good', () => {
  it('still deletes the other old configs and models, and keeps every name not deleted', async () => {
    // Prepare
    await cleanupPending();
    endpointServes(OLD_CONFIG, { v1: 100 });
    sagemaker.on(DeleteEndpointConfigCommand, { EndpointConfigName: 'churn-prod-old1-final' }).rejects(inUse());
    sagemaker.on(DeleteEndpointConfigCommand, { EndpointConfigName: 'churn-prod-old2-final' }).resolves({});
    sagemaker.on(DeleteModelCommand).resolves({});

    // Act
    await handler(fixture('endpoint-state-change.in-service', { id: 'in-service-1' }), context());

    // Assess: the refused one is known again, for the next clean-up to try; the others are gone
    expect(sagemaker.commandCalls(DeleteEndpointConfigCommand).map((c) => c.args[0].input.EndpointConfigName)).toEqual([
      'churn-prod-old1-final',
      'churn-prod-old2-final',
    ]);
    expect(sagemaker.commandCalls(DeleteModelCommand).map((c) => c.args[0].input.ModelName)).toEqual([
      'churn-v0-000000',
    ]);
    const item = await deploymentItem();
    expect(item!.created).toEqual({ configs: ['churn-prod-old1-final', OLD_CONFIG], models: ['churn-v1-111111'] });
    expect(Object.keys(item!.outbox)).toEqual([]);
  });
});
