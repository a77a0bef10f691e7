// The local server answers the real SDK v3 clients exactly as AWS would: parsed outputs, dates,
// modelled exceptions, retried throttling.
import {
  DescribeTrainingJobCommand,
  CreateTrainingJobCommand,
  DescribeEndpointCommand,
  ResourceInUse,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { AwsError, Faults, type JsonService } from '../../local/core';
import { startLocalServer, type LocalServer } from '../../local/server';
import { seededRandom } from '../../local/traffic/random';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const created = new Date('2026-11-27T06:05:40.118Z');

const fakeSageMaker: JsonService = (operation, input) => {
  if (operation === 'DescribeTrainingJob') {
    return {
      TrainingJobName: input.TrainingJobName,
      TrainingJobStatus: 'Completed',
      CreationTime: created,
      BillableTimeInSeconds: 42,
    };
  }
  if (operation === 'CreateTrainingJob')
    throw new AwsError('ResourceInUse', `Training job ${String(input.TrainingJobName)} already exists`);
  if (operation === 'DescribeEndpoint')
    throw new AwsError('ValidationException', `Could not find endpoint "${String(input.EndpointName)}".`);
  throw new Error(`unexpected ${operation}`);
};

describe('local server', () => {
  let server: LocalServer | undefined;
  let client: SageMakerClient | undefined;
  const calls: string[] = [];

  // The SDK's backoff is `Math.random() × 1 s × 2^attempt` for throttling; pinning its jitter low keeps
  // retried tests fast while the SDK's own retry decisions stay in play. Faults draw from their own seed.
  const shortBackoff = () => jest.spyOn(Math, 'random').mockReturnValue(0.001);

  async function start(faults?: Faults, maxAttempts = 3): Promise<SageMakerClient> {
    server = await startLocalServer({
      services: { sagemaker: fakeSageMaker },
      faults,
      onCall: (s, op) => calls.push(`${s}:${op}`),
    });
    client = new SageMakerClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts });
    return client;
  }

  afterEach(async () => {
    jest.restoreAllMocks();
    client?.destroy();
    await server?.close();
    calls.length = 0;
  });

  it('listens on loopback only, on a free port', async () => {
    // Act
    await start();

    // Assess
    expect(server?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server?.port).toBeGreaterThan(0);
  });

  it('returns outputs the SDK parses, with dates turned back into Date objects', async () => {
    // Prepare
    const sagemaker = await start();

    // Act
    const out = await sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: 'churn-1' }));

    // Assess
    expect(out.TrainingJobName).toBe('churn-1');
    expect(out.CreationTime).toEqual(created);
    expect(out.BillableTimeInSeconds).toBe(42);
    expect(calls).toEqual(['sagemaker:DescribeTrainingJob']);
  });

  it('surfaces ResourceInUse as the SDK’s modelled ResourceInUse exception', async () => {
    // Prepare
    const sagemaker = await start();

    // Act
    const err = await sagemaker
      .send(new CreateTrainingJobCommand({ TrainingJobName: 'churn-1' } as never))
      .catch((e: unknown) => e);

    // Assess
    expect(err).toBeInstanceOf(ResourceInUse);
    expect(err).toMatchObject({
      name: 'ResourceInUse',
      message: 'Training job churn-1 already exists',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('surfaces an unmodelled ValidationException by its name and message', async () => {
    // Prepare
    const sagemaker = await start();

    // Act
    const err = await sagemaker
      .send(new DescribeEndpointCommand({ EndpointName: 'churn-prod' }))
      .catch((e: unknown) => e);

    // Assess
    expect(err).toMatchObject({ name: 'ValidationException', message: 'Could not find endpoint "churn-prod".' });
  });

  it('fails with ThrottlingException once the SDK has spent its attempts on a fully throttled service', async () => {
    // Prepare
    shortBackoff();
    const sagemaker = await start(new Faults({ sagemaker: 1 }), 2);

    // Act
    const err = await sagemaker
      .send(new DescribeTrainingJobCommand({ TrainingJobName: 'churn-1' }))
      .catch((e: unknown) => e);

    // Assess
    expect(err).toMatchObject({ name: 'ThrottlingException', $metadata: { attempts: 2 } });
    // A throttled attempt never reached the service: nothing is counted as called.
    expect(calls).toHaveLength(0);
  });

  it('lets the SDK retry through a 30 % throttling rate so every call succeeds', async () => {
    // Prepare
    shortBackoff();
    const sagemaker = await start(new Faults({ sagemaker: 0.3 }, seededRandom(7)), 6);

    // Act
    const outs = [];
    for (let i = 0; i < 20; i++)
      outs.push(await sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: `job-${i}` })));

    // Assess
    expect(outs.map((o) => o.TrainingJobStatus)).toEqual(Array(20).fill('Completed'));
    // With seed 7, 14 of the 34 attempts were throttled (one call four times in a row); each call got through once.
    expect(outs.reduce((n, o) => n + (o.$metadata.attempts ?? 1), 0)).toBe(34);
    expect(calls).toHaveLength(20);
  });

  it('answers a service it does not emulate with UnknownOperationException', async () => {
    // Prepare
    await start();
    const events = new EventBridgeClient({ endpoint: server?.url, region: 'us-east-1', credentials, maxAttempts: 1 });

    // Act
    const err = await events
      .send(new PutEventsCommand({ Entries: [{ Source: 's', DetailType: 'd', Detail: '{}' }] }))
      .catch((e: unknown) => e);

    // Assess
    expect(err).toMatchObject({ name: 'UnknownOperationException', $metadata: { httpStatusCode: 400 } });
    events.destroy();
  });

  it('answers an emulator’s unexpected exception as a 500 InternalFailure', async () => {
    // Prepare
    const ssmService: JsonService = () => {
      throw new TypeError('boom');
    };
    server = await startLocalServer({ services: { ssm: ssmService } });
    const ssm = new SSMClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });

    // Act
    const err = await ssm.send(new GetParameterCommand({ Name: 'x' })).catch((e: unknown) => e);

    // Assess
    expect(err).toMatchObject({ name: 'InternalFailure', message: 'boom', $metadata: { httpStatusCode: 500 } });
    ssm.destroy();
  });

  it('is reached by clients that only have AWS_ENDPOINT_URL set, as the handlers are', async () => {
    // Prepare
    await start();
    process.env.AWS_ENDPOINT_URL = server?.url;
    const sagemaker = new SageMakerClient({ region: 'us-east-1', credentials });

    // Act
    const out = await sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: 'from-env' })).finally(() => {
      delete process.env.AWS_ENDPOINT_URL;
      sagemaker.destroy();
    });

    // Assess
    expect(out.TrainingJobName).toBe('from-env');
  });
});
