import {
  DeleteEndpointConfigCommand,
  DescribeEndpointConfigCommand,
  DeleteModelCommand,
  ListEndpointConfigsCommand,
  ListModelsCommand,
  ListTagsCommand,
  SageMakerClient,
  SearchCommand,
} from '@aws-sdk/client-sagemaker';
import { SageMakerCleanupAdapter } from '../../shared/aws/sagemaker-cleanup';
import { sagemaker } from '../helpers/aws';
import { costService, mockAccount, resetCostAccount } from '../helpers/cost';
import { createTable } from '../helpers/dynamo';

beforeAll(createTable);
beforeEach(resetCostAccount);

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

describe('leftovers when the endpoints could not be listed', () => {
  it('finds and deletes no leftover: what the endpoints use is not known', async () => {
    // Prepare: Shepherd's config and model serve an endpoint, but Search fails
    mockAccount([{ name: 'churn-prod', variants: [{ name: 'v1', invocations: 900, cpu: 40 }] }]);
    sagemaker.on(SearchCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    sagemaker.on(ListEndpointConfigsCommand).resolves({
      EndpointConfigs: [
        {
          EndpointConfigName: 'churn-prod-config',
          EndpointConfigArn: 'arn:config/churn-prod-config',
          CreationTime: CREATED,
        },
      ],
    });
    sagemaker.on(ListModelsCommand).resolves({
      Models: [{ ModelName: 'churn-prod-model', ModelArn: 'arn:model/churn-prod-model', CreationTime: CREATED }],
    });
    sagemaker.on(ListTagsCommand).resolves({
      Tags: [
        { Key: 'shepherd:model', Value: 'churn' },
        { Key: 'shepherd:cost-action', Value: 'delete' },
      ],
    });
    const now = new Date('2026-11-30T06:00:00Z');

    // Act
    const result = await costService({ enforcement: { enabled: true, maxActionsPerRun: 5 } }, () => now).runSweep({
      enforce: true,
      notify: true,
    });

    // Assess
    expect(result.findings.filter((f) => f.kind === 'leftover')).toEqual([]);
    expect(sagemaker.commandCalls(DeleteEndpointConfigCommand)).toHaveLength(0);
    expect(sagemaker.commandCalls(DeleteModelCommand)).toHaveLength(0);
    expect(result.failures.map((f) => f.resource)).toContain('endpoints (Search)');
  });
});

describe('leftovers when an endpoint’s config was deleted from under it', () => {
  it('deletes no model: the running endpoint may serve it, and nothing names which', async () => {
    // Prepare: churn-prod runs on a config someone deleted; DescribeEndpoint's variants name no model either
    mockAccount([{ name: 'churn-prod', variants: [{ name: 'v1', invocations: 900, cpu: 40 }] }]);
    sagemaker.on(DescribeEndpointConfigCommand).rejects(
      Object.assign(new Error('Could not find endpoint configuration "churn-prod-config".'), {
        name: 'ValidationException',
      }),
    );
    sagemaker.on(ListModelsCommand).resolves({
      Models: [{ ModelName: 'churn-prod-model', ModelArn: 'arn:model/churn-prod-model', CreationTime: CREATED }],
    });
    sagemaker.on(ListTagsCommand).resolves({
      Tags: [
        { Key: 'shepherd:model', Value: 'churn' },
        { Key: 'shepherd:cost-action', Value: 'delete' },
      ],
    });
    const now = new Date('2026-11-30T06:00:00Z');

    // Act
    const result = await costService({ enforcement: { enabled: true, maxActionsPerRun: 5 } }, () => now).runSweep({
      enforce: true,
      notify: true,
    });

    // Assess
    expect(result.findings.filter((f) => f.kind === 'leftover')).toEqual([]);
    expect(sagemaker.commandCalls(DeleteModelCommand)).toHaveLength(0);
  });
});
