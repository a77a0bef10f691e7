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
const oversized = (findings: { kind: string }[]) => findings.find((f) => f.kind === 'oversized-endpoint')!;

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
