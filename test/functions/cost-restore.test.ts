import {
  type CreateEndpointConfigInput,
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  DeleteEndpointCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
} from '@aws-sdk/client-sagemaker';
import { sagemaker } from '../helpers/aws';
import { costService, mockAccount, resetCostAccount } from '../helpers/cost';
import { createTable } from '../helpers/dynamo';

beforeAll(createTable);
beforeEach(resetCostAccount);

const NOW = new Date('2026-11-30T06:00:00Z');
const notFound = Object.assign(new Error('Could not find endpoint configuration "x".'), {
  name: 'ValidationException',
});

/** What an endpoint config may carry beside its variants, all of which CreateEndpointConfig takes back. */
const SETTINGS: Omit<CreateEndpointConfigInput, 'EndpointConfigName' | 'ProductionVariants'> = {
  EnableNetworkIsolation: true,
  VpcConfig: { SecurityGroupIds: ['sg-0123456789abcdef0'], Subnets: ['subnet-0123456789abcdef0'] },
  ExecutionRoleArn: 'arn:aws:iam::123456789012:role/endpoint',
  ShadowProductionVariants: [
    { VariantName: 'shadow', ModelName: 'locked-shadow-model', InstanceType: 'ml.m5.large', InitialInstanceCount: 1 },
  ],
  ExplainerConfig: { ClarifyExplainerConfig: { ShapConfig: { ShapBaselineConfig: { MimeType: 'text/csv' } } } },
  MetricsConfig: { EnableEnhancedMetrics: true },
};

describe('restore of an endpoint a sweep deleted', () => {
  it('recreates a gone config with everything it had, network isolation and shadow variants included', async () => {
    // Prepare: the sweep deletes the idle endpoint; its config goes later
    mockAccount([
      {
        name: 'locked',
        tags: { 'shepherd:cost-action': 'delete' },
        variants: [{ name: 'v1', count: 2, invocations: 0, cpu: 1, memory: 5 }],
      },
    ]);
    const config = {
      EndpointConfigName: 'locked-config',
      EndpointConfigArn: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/locked-config',
      CreationTime: new Date('2026-09-01T00:00:00Z'),
      ProductionVariants: [
        {
          VariantName: 'v1',
          ModelName: 'locked-model',
          InstanceType: 'ml.m5.xlarge' as const,
          InitialInstanceCount: 2,
        },
      ],
      ...SETTINGS,
    };
    sagemaker.on(DescribeEndpointConfigCommand, { EndpointConfigName: 'locked-config' }).resolves(config);
    sagemaker.on(DeleteEndpointCommand).resolves({});
    const sweeps = costService({ enforcement: { enabled: true, maxActionsPerRun: 5 } }, () => NOW);
    await sweeps.runSweep({ enforce: true, notify: true });
    sagemaker.on(DescribeEndpointConfigCommand).rejects(notFound);
    sagemaker.on(CreateEndpointConfigCommand).resolves({});
    sagemaker.on(CreateEndpointCommand).resolves({});

    // Act
    await sweeps.restoreEndpoint('locked');

    // Assess
    expect(sagemaker.commandCalls(CreateEndpointConfigCommand)[0]!.args[0].input).toEqual({
      EndpointConfigName: 'locked-config',
      ProductionVariants: config.ProductionVariants,
      ...SETTINGS,
    });
  });

  it('refuses a restore while the deleted endpoint is still being deleted, and says to try again', async () => {
    // Prepare: the sweep has just deleted the endpoint; SageMaker still holds its name while it is Deleting
    mockAccount([
      {
        name: 'busy',
        tags: { 'shepherd:cost-action': 'delete' },
        variants: [{ name: 'v1', count: 2, invocations: 0 }],
      },
    ]);
    sagemaker.on(DeleteEndpointCommand).resolves({});
    const sweeps = costService({ enforcement: { enabled: true, maxActionsPerRun: 5 } }, () => NOW);
    await sweeps.runSweep({ enforce: true, notify: false });
    const arn = 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/busy';
    sagemaker
      .on(CreateEndpointCommand)
      .rejects(
        Object.assign(new Error(`Cannot create already existing endpoint "${arn}".`), { name: 'ValidationException' }),
      );
    sagemaker.on(DescribeEndpointCommand, { EndpointName: 'busy' }).resolves({ EndpointStatus: 'Deleting' } as never);

    // Act
    const restored = await sweeps.restoreEndpoint('busy');

    // Assess
    expect(restored).toEqual({
      outcome: 'refused',
      message: 'endpoint busy is still being deleted: restore it once the deletion has finished, in a few minutes',
    });
  });

  it('says a restore found the endpoint already there rather than that it is being created', async () => {
    // Prepare: restored once already; the endpoint is back in service
    mockAccount([
      {
        name: 'back',
        tags: { 'shepherd:cost-action': 'delete' },
        variants: [{ name: 'v1', count: 2, invocations: 0 }],
      },
    ]);
    sagemaker.on(DeleteEndpointCommand).resolves({});
    const sweeps = costService({ enforcement: { enabled: true, maxActionsPerRun: 5 } }, () => NOW);
    await sweeps.runSweep({ enforce: true, notify: false });
    const arn = 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/back';
    sagemaker
      .on(CreateEndpointCommand)
      .rejects(
        Object.assign(new Error(`Cannot create already existing endpoint "${arn}".`), { name: 'ValidationException' }),
      );
    sagemaker.on(DescribeEndpointCommand, { EndpointName: 'back' }).resolves({ EndpointStatus: 'InService' } as never);

    // Act
    const restored = await sweeps.restoreEndpoint('back');

    // Assess
    expect(restored).toMatchObject({
      outcome: 'done',
      message: 'endpoint back already exists (InService): nothing recreated',
    });
  });
});
