// What the local cloud's DescribeEndpointConfig gives back of a config's settings beside its variants: all that
// CreateEndpointConfig took, as SageMaker does, so that a cost sweep's snapshot restores the same endpoint.
import {
  type CreateEndpointConfigInput,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DescribeEndpointConfigCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { Timeline } from '../../local/core';
import { Clock } from '../../local/clock';
import { SageMakerEmulator } from '../../local/sagemaker';
import { startLocalServer, type LocalServer } from '../../local/server';

const IMAGE = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1';
const ROLE = 'arn:aws:iam::123456789012:role/shepherd-sagemaker-hosting';

let emulator: SageMakerEmulator;
let server: LocalServer;
let sagemaker: SageMakerClient;

beforeEach(async () => {
  const clock = new Clock(new Date('2026-11-27T06:00:00Z'), 100_000);
  const timeline = new Timeline(clock, false);
  emulator = new SageMakerEmulator({
    clock,
    timeline,
    emit: () => undefined,
    trainingPlan: () => ({ outcome: 'Completed' }),
  });
  server = await startLocalServer({ services: { sagemaker: emulator.handle } });
  sagemaker = new SageMakerClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  for (const ModelName of ['churn-v1', 'churn-v2'])
    await sagemaker.send(
      new CreateModelCommand({
        ModelName,
        ExecutionRoleArn: ROLE,
        PrimaryContainer: { Image: IMAGE, ModelDataUrl: `s3://artifacts/churn/${ModelName}/model.tar.gz` },
      }),
    );
});

afterEach(async () => {
  emulator.stop();
  sagemaker.destroy();
  await server.close();
});

describe('DescribeEndpointConfig', () => {
  it('gives back network isolation, the VPC, the role, shadow variants and metrics settings as created', async () => {
    // Prepare
    const settings: Omit<CreateEndpointConfigInput, 'EndpointConfigName' | 'ProductionVariants'> = {
      EnableNetworkIsolation: true,
      VpcConfig: { SecurityGroupIds: ['sg-0123456789abcdef0'], Subnets: ['subnet-0123456789abcdef0'] },
      ExecutionRoleArn: ROLE,
      ShadowProductionVariants: [
        { VariantName: 'shadow', ModelName: 'churn-v2', InstanceType: 'ml.m5.large', InitialInstanceCount: 1 },
      ],
      MetricsConfig: { EnableEnhancedMetrics: true },
    };

    // Act
    await sagemaker.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: 'churn-locked',
        ProductionVariants: [
          { VariantName: 'v1', ModelName: 'churn-v1', InstanceType: 'ml.m5.large', InitialInstanceCount: 2 },
        ],
        ...settings,
      }),
    );
    const described = await sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: 'churn-locked' }));

    // Assess
    expect(described).toMatchObject(settings);
  });
});
