// What the local cloud's CreateEndpointConfig refuses of a serverless production variant, as SageMaker's
// Serverless Inference does ("Feature exclusions",
// https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html), through the real SDK client against the
// local server; and what stays allowed: one serverless variant, data capture on instance variants. What Application
// Auto Scaling refuses of a serverless variant is in autoscaling.test.ts.
import { CreateEndpointConfigCommand, CreateModelCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { DescribeEndpointConfigCommand, type CreateModelCommandInput } from '@aws-sdk/client-sagemaker';
import type { ProductionVariant } from '@aws-sdk/client-sagemaker';
import { Timeline } from '../../local/core';
import { Clock } from '../../local/clock';
import { SageMakerEmulator } from '../../local/sagemaker';
import { startLocalServer, type LocalServer } from '../../local/server';

const IMAGE = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1';
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const NOT_SUPPORTED = 'which is not supported for serverless endpoints.';
const container = (name: string) => ({ Image: IMAGE, ModelDataUrl: `s3://artifacts/churn/${name}/model.tar.gz` });
const serverless = (VariantName: string, ModelName: string): ProductionVariant => ({
  VariantName,
  ModelName,
  ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 },
});
const onInstances = (VariantName: string, ModelName: string): ProductionVariant => ({
  VariantName,
  ModelName,
  InstanceType: 'ml.m5.large',
  InitialInstanceCount: 2,
});
const capture = {
  EnableCapture: true,
  InitialSamplingPercentage: 20,
  DestinationS3Uri: 's3://shepherd-capture/churn/',
  KmsKeyId: 'alias/shepherd-capture',
  CaptureOptions: [{ CaptureMode: 'Input' as const }, { CaptureMode: 'Output' as const }],
  CaptureContentTypeHeader: { CsvContentTypes: ['text/csv'], JsonContentTypes: ['application/json'] },
};

let emulator: SageMakerEmulator;
let server: LocalServer;
let sagemaker: SageMakerClient;

beforeEach(async () => {
  const clock = new Clock(new Date('2026-11-27T06:00:00Z'), 100_000);
  const timeline = new Timeline(clock, false);
  const trainingPlan = () => ({ outcome: 'Completed' as const });
  emulator = new SageMakerEmulator({ clock, timeline, emit: () => undefined, trainingPlan });
  server = await startLocalServer({ services: { sagemaker: emulator.handle } });
  sagemaker = new SageMakerClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  for (const name of ['churn-v1', 'churn-v2']) await model({ ModelName: name });
});

afterEach(async () => {
  emulator.stop();
  sagemaker.destroy();
  await server.close();
});

const ROLE = 'arn:aws:iam::123456789012:role/shepherd-sagemaker-hosting';
const model = (input: Partial<CreateModelCommandInput> & { ModelName: string }) =>
  sagemaker.send(
    new CreateModelCommand({ ExecutionRoleArn: ROLE, PrimaryContainer: container(input.ModelName), ...input }),
  );
const config = (EndpointConfigName: string, ProductionVariants: ProductionVariant[], extra: object = {}) =>
  sagemaker.send(new CreateEndpointConfigCommand({ EndpointConfigName, ProductionVariants, ...extra }));
const described = async (EndpointConfigName: string) =>
  sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName }));
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => new Error('the call succeeded, an error was expected'),
    (e: unknown) => e,
  );
/** The SDK's exception for a 400 ValidationException with exactly that message. */
const refused = (message: string) =>
  expect.objectContaining({
    name: 'ValidationException',
    message,
    $metadata: expect.objectContaining({ httpStatusCode: 400 }),
  });

describe('CreateEndpointConfig with a serverless variant', () => {
  it('takes one serverless variant, and data capture on instance variants, and describes both as given', async () => {
    // Act
    await config('churn-serverless', [serverless('v1', 'churn-v1')]);
    const instances = [onInstances('v1', 'churn-v1'), onInstances('v2', 'churn-v2')];
    await config('churn-captured', instances, { DataCaptureConfig: capture });

    // Assess
    expect((await described('churn-captured')).DataCaptureConfig).toEqual(capture);
    expect((await described('churn-serverless')).ProductionVariants).toEqual([
      { ...serverless('v1', 'churn-v1'), InitialVariantWeight: 1 },
    ]);
  });

  it('refuses a second production variant beside a serverless one, whichever kind it is', async () => {
    // Act
    const canary = await rejection(config('churn-a', [serverless('v1', 'churn-v1'), serverless('v2', 'churn-v2')]));
    const mixed = await rejection(config('churn-b', [onInstances('v1', 'churn-v1'), serverless('v2', 'churn-v2')]));

    // Assess
    const only = 'is serverless: a serverless endpoint supports only one production variant, not 2.';
    expect(canary).toEqual(refused(`Production variant v1 ${only}`));
    expect(mixed).toEqual(refused(`Production variant v2 ${only}`));
  });

  it('refuses data capture on a serverless variant', async () => {
    // Act
    const err = await rejection(config('churn-a', [serverless('v1', 'churn-v1')], { DataCaptureConfig: capture }));

    // Assess
    expect(err).toEqual(refused(`Production variant v1: DataCaptureConfig is specified, ${NOT_SUPPORTED}`));
  });

  it('checks DataCaptureConfig against the service model, every violation at once', async () => {
    // Prepare
    const header = { CsvContentTypes: ['csv'] };
    const bad = { ...capture, InitialSamplingPercentage: 101, CaptureOptions: [{ CaptureMode: 'Both' }] };
    const DataCaptureConfig = { ...bad, CaptureContentTypeHeader: header };

    // Act
    const err = await rejection(config('churn-captured', [onInstances('v1', 'churn-v1')], { DataCaptureConfig }));

    // Assess
    const at = (value: string, member: string) =>
      `Value '${value}' at 'dataCaptureConfig.${member}' failed to satisfy constraint: Member must`;
    const violations = [
      `${at('101', 'initialSamplingPercentage')} have value less than or equal to 100`,
      `${at('Both', 'captureOptions.1.member.captureMode')} satisfy enum value set: [Input, Output, InputAndOutput]`,
      `${at('csv', 'captureContentTypeHeader.csvContentTypes.1.member')} satisfy regular expression pattern: ` +
        '^[a-zA-Z0-9](-*[a-zA-Z0-9])*\\/[a-zA-Z0-9](-*[a-zA-Z0-9.])*',
    ];
    expect(err).toEqual(refused(`3 validation errors detected: ${violations.join('; ')}`));
  });

  it('refuses to serve serverless a model with a VPC, network isolation, several containers or models', async () => {
    // Prepare
    const VpcConfig = { SecurityGroupIds: ['sg-0a1b2c3d'], Subnets: ['subnet-0a1b2c3d'] };
    await model({ ModelName: 'churn-vpc', VpcConfig });
    await model({ ModelName: 'churn-isolated', EnableNetworkIsolation: true });
    const Containers = [container('pre'), container('post')];
    await model({ ModelName: 'churn-pipeline', PrimaryContainer: undefined, Containers });
    await model({ ModelName: 'churn-multi', PrimaryContainer: { ...container('churn-multi'), Mode: 'MultiModel' } });

    // Act
    const errors: unknown[] = [];
    for (const m of ['churn-vpc', 'churn-isolated', 'churn-pipeline', 'churn-multi']) {
      errors.push(await rejection(config(`${m}-cfg`, [serverless('v1', m)])));
    }
    await config('churn-vpc-on-instances', [onInstances('v1', 'churn-vpc')]);

    // Assess
    const v1 = 'Production variant v1: model';
    expect(errors).toEqual([
      refused(`${v1} churn-vpc has a VpcConfig, ${NOT_SUPPORTED}`),
      refused(`${v1} churn-isolated has EnableNetworkIsolation set to true, ${NOT_SUPPORTED}`),
      refused(`${v1} churn-pipeline is an inference pipeline of 2 containers, ${NOT_SUPPORTED}`),
      refused(`${v1} churn-multi hosts multiple models (a container in Mode MultiModel), ${NOT_SUPPORTED}`),
    ]);
  });
});
