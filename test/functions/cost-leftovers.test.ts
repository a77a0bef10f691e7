import { ListEndpointConfigsCommand, ListModelsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SageMakerCleanupAdapter } from '../../shared/aws/sagemaker-cleanup';
import { resetAws, sagemaker } from '../helpers/aws';

beforeEach(resetAws);

const CREATED = new Date('2026-11-01T00:00:00Z');

describe('Shepherd-named endpoint configs and models', () => {
  it('lists a resource once when two prefixes find it (a line churn- and its endpoint churn-prod-)', async () => {
    // Prepare: SageMaker's NameContains matches anywhere in the name
    const configs = ['churn-prod-a1b2c3-final', 'churn-v3-abc123-final'];
    sagemaker.on(ListEndpointConfigsCommand).callsFake(({ NameContains }: { NameContains: string }) => ({
      EndpointConfigs: configs
        .filter((n) => n.includes(NameContains))
        .map((n) => ({ EndpointConfigName: n, EndpointConfigArn: `arn:config/${n}`, CreationTime: CREATED })),
    }));
    sagemaker.on(ListModelsCommand).callsFake(({ NameContains }: { NameContains: string }) => ({
      Models: ['churn-prod-v3-abc123']
        .filter((n) => n.includes(NameContains))
        .map((n) => ({ ModelName: n, ModelArn: `arn:model/${n}`, CreationTime: CREATED })),
    }));

    // Act
    const found = await new SageMakerCleanupAdapter(new SageMakerClient({})).namedResources(['churn-', 'churn-prod-']);

    // Assess
    expect(found.map((r) => `${r.kind} ${r.name}`).sort()).toEqual([
      'endpoint-config churn-prod-a1b2c3-final',
      'endpoint-config churn-v3-abc123-final',
      'model churn-prod-v3-abc123',
    ]);
    expect(sagemaker.commandCalls(ListEndpointConfigsCommand)).toHaveLength(2);
  });
});
