// Someone deletes churn-prod by hand (the console, a stack) while its canary bakes: the endpoint's Deleting event is
// what the team gets told by, and SageMaker is asked for nothing on an endpoint that is going.
import {
  DeleteEndpointConfigCommand,
  DescribeEndpointCommand,
  UpdateEndpointCommand,
  UpdateEndpointWeightsAndCapacitiesCommand,
} from '@aws-sdk/client-sagemaker';
import { handler as endpointStateChanged } from '../../functions/endpoint-state-changed';
import { bakingCanary } from '../helpers/canary';
import { notificationsSent, sagemaker } from '../helpers/aws';
import { createTable, deploymentItem } from '../helpers/dynamo';
import { context, fixture, setClock } from '../helpers/events';
import { noSuchEndpoint, resetHosting } from '../helpers/hosting';
import { freshWorld } from '../helpers/function-world';

const deleting = (config: string) =>
  fixture('endpoint-state-change.updating', {
    id: 'deleting-by-hand',
    detail: { EndpointConfigName: config, EndpointStatus: 'DELETING' },
  });

beforeAll(createTable);
beforeEach(() => freshWorld({ clock: '2026-11-27T03:05:00Z', alsoReset: [resetHosting] }));

describe('endpointStateChanged: the endpoint is deleted by hand while its canary bakes', () => {
  it.each([
    [
      'still Deleting',
      (config: string) => ({
        EndpointName: 'churn-prod',
        EndpointConfigName: config,
        EndpointStatus: 'Deleting' as const,
      }),
    ],
    ['already gone', undefined],
  ])('ends the deployment failed with one critical alert when the endpoint is %s', async (_, described) => {
    // Prepare
    const canary = await bakingCanary();
    setClock('2026-11-27T03:20:00Z');
    if (described) sagemaker.on(DescribeEndpointCommand).resolves(described(canary.config));
    else sagemaker.on(DescribeEndpointCommand).rejects(noSuchEndpoint());

    // Act
    await endpointStateChanged(deleting(canary.config), context('endpointStateChanged'));

    // Assess
    expect(sagemaker.commandCalls(UpdateEndpointCommand)).toEqual([]);
    expect(sagemaker.commandCalls(UpdateEndpointWeightsAndCapacitiesCommand)).toEqual([]);
    expect(sagemaker.commandCalls(DeleteEndpointConfigCommand)).toEqual([]);
    expect(notificationsSent()).toEqual([
      expect.objectContaining({
        Subject: '[Shepherd] churn: deployment on churn-prod failed',
        Message: expect.stringContaining('endpoint churn-prod was deleted during the deployment'),
        MessageAttributes: expect.objectContaining({ severity: { DataType: 'String', StringValue: 'critical' } }),
      }),
    ]);
    const item = await deploymentItem();
    expect(item?.active).toBeUndefined();
    expect(item?.history.at(-1)).toMatchObject({ outcome: 'failed' });
  });
});
