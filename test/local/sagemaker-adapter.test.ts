// Shepherd's own SageMakerAdapter, through the real AWS SDK client, against the emulator: the requests
// Shepherd builds pass validation, and the SDK reads the answers and errors back the way Shepherd expects
// (ResourceInUse → 'exists', "not found" ValidationException → undefined, idempotency tokens).
// The transport here is a minimal awsJson1_1 stand-in for the local HTTP server.
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { Timeline, AwsError } from '../../local/core';
import { Clock } from '../../local/clock';
import { SageMakerEmulator } from '../../local/sagemaker';
import { SageMakerAdapter } from '../../shared/aws/sagemaker';
import { evaluateGate } from '../../shared/domain/retraining/gate';
import { modelPackageRequest, type ModelPackageRequest } from '../../shared/domain/retraining/package-request';
import { pipelineExecutionRequest, trainingJobRequest } from '../../shared/domain/retraining/requests';
import { line } from '../helpers/config';

const MINUTE = 60_000;

function setup() {
  const clock = new Clock(new Date('2026-11-27T01:00:00Z'), 100_000);
  const sagemaker = new SageMakerEmulator({
    clock,
    emit: () => undefined,
    timeline: new Timeline(clock, false),
    trainingPlan: () => ({ outcome: 'Completed', trainingMs: 10 * MINUTE, metrics: { 'validation:auc': 0.91 } }),
    pipelinePlan: () => ({ outcome: 'Succeeded', durationMs: 30 * MINUTE }),
  });
  sagemaker.createModelPackageGroup('churn-models');
  sagemaker.createPipeline('fraud-training-pipeline');
  const requestHandler = {
    handle: async (request: { headers: Record<string, string>; body?: unknown }) => {
      const operation = String(request.headers['x-amz-target']).split('.').pop()!;
      const reply = (statusCode: number, payload: unknown) => ({
        response: {
          statusCode,
          headers: { 'content-type': 'application/x-amz-json-1.1' },
          body: Buffer.from(
            JSON.stringify(payload, function (this: Record<string, unknown>, key, v: unknown) {
              const raw = this[key];
              return raw instanceof Date ? raw.getTime() / 1000 : v;
            }),
          ),
        },
      });
      const body =
        typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body as Uint8Array);
      try {
        return reply(200, await sagemaker.handle(operation, JSON.parse(body || '{}')));
      } catch (err) {
        if (err instanceof AwsError) return reply(err.status, { __type: err.code, message: err.message });
        throw err;
      }
    },
  };
  const client = new SageMakerClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler,
    maxAttempts: 1,
  });
  return { clock, sagemaker, adapter: new SageMakerAdapter(client) };
}

let env: ReturnType<typeof setup>;
beforeEach(() => {
  env = setup();
});
afterEach(() => env.sagemaker.stop());

const churn = line('churn') as Parameters<typeof trainingJobRequest>[0];
const run = {
  runName: 'churn-20261127t0100-3f9a2c1d',
  attempt: 0,
  trigger: { reason: 'data' as const, id: 'evt-1', at: '2026-11-27T01:00:00Z' },
};

describe("Shepherd's SageMakerAdapter against the emulator", () => {
  it('creates the training job Shepherd builds, and calls a repeated create "exists"', async () => {
    // Prepare
    const request = trainingJobRequest(churn, run);

    // Act
    const first = await env.adapter.createTrainingJob(request);
    const second = await env.adapter.createTrainingJob(request);

    // Assess
    expect([first, second]).toEqual(['created', 'exists']);
  });

  it('reads a completed job back with its metrics, artifact, image and billing', async () => {
    // Prepare
    await env.adapter.createTrainingJob(trainingJobRequest(churn, run));
    while (env.sagemaker.trainingJobs()[0]?.status !== 'Completed') await env.clock.sleep(MINUTE);

    // Act
    const job = await env.adapter.describeTrainingJob(run.runName);

    // Assess
    expect(job).toEqual({
      name: run.runName,
      status: 'Completed',
      secondaryStatus: 'Completed',
      metrics: { 'validation:auc': 0.91 },
      artifactUri: `s3://shepherd-example-artifacts/churn/output/${run.runName}/output/model.tar.gz`,
      image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
      trainingSeconds: 720,
      billableSeconds: 252,
      // Its last change is its completion: the instant its events' LastModifiedTime carries too.
      changedAt: env.sagemaker.trainingJobs()[0]!.endedAt!.getTime(),
    });
  });

  it('reads an unknown training job as absent', async () => {
    // Prepare
    const name = 'churn-20261127t0100-00000000';

    // Act
    const job = await env.adapter.describeTrainingJob(name);

    // Assess
    expect(job).toBeUndefined();
  });

  it('surfaces a validation error as the SDK exception with the message', async () => {
    // Prepare
    const request = { ...trainingJobRequest(churn, run), TrainingJobName: 'churn_bad' };

    // Act
    const error = await env.adapter.createTrainingJob(request).catch((err: Error) => err);

    // Assess
    expect(error).toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining("at 'trainingJobName'"),
    });
  });

  it('registers a package once per ClientToken and finds it as the production model', async () => {
    // Prepare
    const request: ModelPackageRequest = {
      ModelPackageGroupName: 'churn-models',
      ModelPackageDescription: 'churn retrained on 2026-11-27',
      ClientToken: 'b'.repeat(32),
      ModelApprovalStatus: 'Approved',
      InferenceSpecification: {
        Containers: [{ Image: 'xgboost:1.7-1', ModelDataUrl: 's3://a/model.tar.gz' }],
        SupportedContentTypes: ['text/csv'],
        SupportedResponseMIMETypes: ['text/csv'],
      },
      CustomerMetadataProperties: { 'shepherd:metric:validation:auc': '0.91' },
    };

    // Act
    const arn = await env.adapter.createModelPackage(request);
    const again = await env.adapter.createModelPackage(request);
    const production = await env.adapter.productionModel('churn-models', 'validation:auc');

    // Assess
    expect(again).toBe(arn);
    expect(production).toEqual({ modelPackageArn: arn, metric: 0.91 });
    expect(env.sagemaker.modelPackages()).toHaveLength(1);
  });

  // SageMaker's metadata keys and values: 1 to 128 (values 256) letters, digits, spaces and _.:/=+-@.
  it.each([
    ['with brackets, from a drift alarm named with parentheses', 'test:wQuantileLoss[0.5]', 'drift:churn (p95)@t'],
    ['longer than a metadata key', `validation:${'f1-'.repeat(40)}macro`, 'evt-1'],
  ])('registers a model whose objective metric is named %s, and reads it back as production', async (_, metric, id) => {
    // Prepare
    const gateLine = { ...churn, qualityGate: { ...churn.qualityGate!, metric, floor: undefined } };
    const inFlight = {
      ...run,
      kind: 'job' as const,
      jobName: run.runName,
      trigger: { ...run.trigger, id },
      window: { objects: 0, bytes: 0 },
      startedAt: run.trigger.at,
      lastHeardAt: run.trigger.at,
    };
    const trained = {
      jobName: run.runName,
      metrics: { [metric]: 0.12 },
      artifactUri: 's3://a/model.tar.gz',
      image: 'xgboost:1.7-1',
    };
    const gate = evaluateGate(gateLine.qualityGate, trained.metrics, undefined);
    const request = modelPackageRequest(gateLine, inFlight, trained, gate, 'Approved');

    // Act
    const arn = await env.adapter.createModelPackage(request);
    const production = await env.adapter.productionModel('churn-models', metric);

    // Assess
    expect(production).toEqual({ modelPackageArn: arn, metric: 0.12 });
  });

  it('starts the pipeline execution Shepherd builds once per token and observes it', async () => {
    // Prepare
    const fraud = line('fraud') as Parameters<typeof pipelineExecutionRequest>[0];
    const request = pipelineExecutionRequest(fraud, 'fraud-20261127t0500-1a2b3c4d', run.trigger);

    // Act
    const arn = await env.adapter.startPipelineExecution(request);
    const again = await env.adapter.startPipelineExecution(request);
    const observed = await env.adapter.describePipelineExecution(arn);
    const unknown = await env.adapter.describePipelineExecution(`${arn.slice(0, -12)}000000000000`);

    // Assess
    expect(again).toBe(arn);
    expect(observed).toEqual({ name: 'fraud-20261127t0500-1a2b3c4d', status: 'Executing', executionArn: arn });
    expect(unknown).toBeUndefined();
  });
});
