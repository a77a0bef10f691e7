import {
  CreateInferenceRecommendationsJobCommand,
  DescribeInferenceRecommendationsJobCommand,
  DescribeModelCommand,
} from '@aws-sdk/client-sagemaker';
import { recommendationJobName } from '../../shared/app/cost-recommender';
import { sagemaker } from '../helpers/aws';
import { costService, mockAccount, resetCostAccount } from '../helpers/cost';
import { createTable } from '../helpers/dynamo';

beforeAll(createTable);
beforeEach(async () => {
  await resetCostAccount();
  // Serving, on 2 x ml.m5.xlarge at 4 % CPU: oversized.
  mockAccount([{ name: 'ranker', variants: [{ name: 'v1', count: 2, invocations: 900, cpu: 4, memory: 10 }] }]);
});

const NOW = () => new Date('2026-11-30T06:00:00Z');
const ROLE = 'arn:aws:iam::123456789012:role/shepherd-recommender';
const PACKAGE = 'arn:aws:sagemaker:us-east-1:123456789012:model-package/ranker-models/7';
const notFound = () => Object.assign(new Error('Job not found'), { name: 'ResourceNotFound' });
const servesPackage = () =>
  sagemaker.on(DescribeModelCommand, { ModelName: 'ranker-model' }).resolves({
    ModelName: 'ranker-model',
    PrimaryContainer: { ModelPackageName: PACKAGE },
  });
const oversized = <F extends { kind: string }>(findings: F[]) => findings.find((f) => f.kind === 'oversized-endpoint')!;

describe('Inference Recommender for oversized endpoints (opt-in)', () => {
  it('starts one Default job on the model package, not on the live endpoint, when none exists yet', async () => {
    // Prepare
    servesPackage();
    sagemaker.on(DescribeInferenceRecommendationsJobCommand).rejects(notFound());

    // Act
    const result = await costService({ inferenceRecommender: { roleArn: ROLE } }, NOW).runSweep({
      enforce: false,
      notify: true,
    });

    // Assess
    expect(sagemaker.commandCalls(CreateInferenceRecommendationsJobCommand).map((c) => c.args[0].input)).toEqual([
      expect.objectContaining({
        JobName: recommendationJobName(PACKAGE),
        JobType: 'Default',
        RoleArn: ROLE,
        InputConfig: { ModelPackageVersionArn: PACKAGE },
      }),
    ]);
    expect(recommendationJobName(PACKAGE)).toMatch(/^shepherd-rec-[0-9a-f]{16}$/);
    expect(oversized(result.findings)).toMatchObject({ evidence: expect.stringContaining('started on') });
  });

  it('prices the saving with AWS’s CostPerHour once the job has completed', async () => {
    // Prepare
    servesPackage();
    sagemaker.on(DescribeInferenceRecommendationsJobCommand).resolves({
      Status: 'COMPLETED',
      InferenceRecommendations: [
        { EndpointConfiguration: { InstanceType: 'ml.c5.large' }, Metrics: { CostPerHour: 0.102 } } as never,
        { EndpointConfiguration: { InstanceType: 'ml.c5.xlarge' }, Metrics: { CostPerHour: 0.204 } } as never,
      ],
    });

    // Act
    const result = await costService({ inferenceRecommender: { roleArn: ROLE } }, NOW).runSweep({
      enforce: false,
      notify: true,
    });

    // Assess: 2 x ml.m5.xlarge ($335.80) against 2 x ml.c5.large at $0.102/h ($148.92)
    expect(oversized(result.findings)).toMatchObject({
      monthlyCostUsd: 335.8,
      monthlySavingUsd: 186.88,
      evidence: expect.stringContaining('recommends ml.c5.large at $0.102/h'),
    });
    expect(sagemaker.commandCalls(CreateInferenceRecommendationsJobCommand)).toHaveLength(0);
  });

  it('retries a failed job under the next attempt’s name, and reads that one on later sweeps', async () => {
    // Prepare: the first job failed; the retry's name does not exist yet
    servesPackage();
    const failed = { Status: 'FAILED' as const, FailureReason: 'Model container failed the ping health check' };
    sagemaker
      .on(DescribeInferenceRecommendationsJobCommand)
      .rejects(notFound())
      .on(DescribeInferenceRecommendationsJobCommand, { JobName: recommendationJobName(PACKAGE) })
      .resolves(failed);

    // Act
    const result = await costService({ inferenceRecommender: { roleArn: ROLE } }, NOW).runSweep({
      enforce: false,
      notify: false,
    });

    // Assess
    const retry = recommendationJobName(PACKAGE, 2);
    expect(retry).toBe(`${recommendationJobName(PACKAGE)}-r2`);
    expect(retry).toMatch(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/);
    const started = sagemaker.commandCalls(CreateInferenceRecommendationsJobCommand).map((c) => c.args[0].input);
    expect(started).toEqual([
      expect.objectContaining({ JobName: retry, InputConfig: { ModelPackageVersionArn: PACKAGE } }),
    ]);
    expect(oversized(result.findings).evidence).toContain(`job ${retry} started on ${PACKAGE} (attempt 2 of 3)`);
  });

  it('starts no job once every attempt has failed, and says so with the last failure', async () => {
    // Prepare
    servesPackage();
    sagemaker
      .on(DescribeInferenceRecommendationsJobCommand)
      .resolves({ Status: 'FAILED', FailureReason: 'No instance type supports the model' });

    // Act
    const result = await costService({ inferenceRecommender: { roleArn: ROLE } }, NOW).runSweep({
      enforce: false,
      notify: false,
    });

    // Assess
    expect(sagemaker.commandCalls(CreateInferenceRecommendationsJobCommand)).toEqual([]);
    expect(oversized(result.findings).evidence).toContain(
      `Inference Recommender failed 3 times, no more retries (${recommendationJobName(PACKAGE, 3)}: ` +
        'No instance type supports the model)',
    );
    expect(result.failures).toEqual([]);
  });

  it('starts nothing for a model that serves no package, and nothing at all unless configured', async () => {
    // Prepare
    sagemaker.on(DescribeModelCommand).resolves({ PrimaryContainer: { Image: 'my-image' } });

    // Act
    await costService({ inferenceRecommender: { roleArn: ROLE } }, NOW).runSweep({ enforce: false, notify: true });
    await costService({}, NOW).runSweep({ enforce: false, notify: true });

    // Assess
    expect(sagemaker.commandCalls(DescribeModelCommand)).toHaveLength(1);
    expect(sagemaker.commandCalls(CreateInferenceRecommendationsJobCommand)).toHaveLength(0);
  });
});
