// The adapters read every page an AWS list answers with, through the SDK's own paginators.
import { CloudWatchClient, GetMetricDataCommand, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import {
  DescribeModelPackageCommand,
  ListEndpointConfigsCommand,
  ListModelPackagesCommand,
  ListModelsCommand,
  ListPipelineExecutionStepsCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudWatchAdapter } from '../../shared/aws/cloudwatch';
import { DriftAlarmAdapter } from '../../shared/aws/cloudwatch-drift';
import { SageMakerAdapter } from '../../shared/aws/sagemaker';
import { SageMakerCleanupAdapter } from '../../shared/aws/sagemaker-cleanup';
import { ModelRegistryAdapter } from '../../shared/aws/sagemaker-registry';

const cloudwatch = mockClient(CloudWatchClient);
const sagemaker = mockClient(SageMakerClient);
const at = new Date('2026-12-02T08:00:00Z');
const newest = {
  ModelPackageVersion: 3,
  ModelPackageArn: 'arn:pkg/3',
  CreationTime: at,
  ModelPackageStatus: 'Completed' as const,
};

beforeEach(() => {
  cloudwatch.reset();
  sagemaker.reset();
});

describe('reading every page of a list', () => {
  it('finds Shepherd-named configs and models on the second page of each list', async () => {
    // Prepare
    sagemaker
      .on(ListEndpointConfigsCommand)
      .resolvesOnce({
        EndpointConfigs: [{ EndpointConfigName: 'churn-a', EndpointConfigArn: 'arn:a', CreationTime: at }],
        NextToken: 'c2',
      })
      .resolvesOnce({
        EndpointConfigs: [{ EndpointConfigName: 'churn-b', EndpointConfigArn: 'arn:b', CreationTime: at }],
      });
    sagemaker
      .on(ListModelsCommand)
      .resolvesOnce({ Models: [], NextToken: 'm2' })
      .resolvesOnce({ Models: [{ ModelName: 'churn-m', ModelArn: 'arn:m', CreationTime: at }] });
    const adapter = new SageMakerCleanupAdapter(new SageMakerClient({}));

    // Act
    const found = await adapter.namedResources(['churn-']);

    // Assess
    expect(found.map((r) => `${r.kind}/${r.name}`)).toEqual([
      'endpoint-config/churn-a',
      'endpoint-config/churn-b',
      'model/churn-m',
    ]);
    // The paginator reuses one input object, so the recorded calls all show the last token: count them instead.
    expect(sagemaker.commandCalls(ListEndpointConfigsCommand)).toHaveLength(2);
    expect(sagemaker.commandCalls(ListModelsCommand).map((c) => c.args[0].input.MaxResults)).toEqual([100, 100]);
  });

  it('finds a package version on a later page and stops there', async () => {
    // Prepare
    const summary = (version: number) => ({
      ...newest,
      ModelPackageVersion: version,
      ModelPackageArn: `arn:pkg/${version}`,
    });
    sagemaker
      .on(ListModelPackagesCommand)
      .resolvesOnce({ ModelPackageSummaryList: [summary(9), summary(8)], NextToken: 'p2' })
      .resolvesOnce({ ModelPackageSummaryList: [summary(7), summary(6)], NextToken: 'p3' });
    sagemaker
      .on(DescribeModelPackageCommand)
      .resolves({ ModelPackageArn: 'arn:pkg/7', ModelApprovalStatus: 'Approved' });
    const adapter = new ModelRegistryAdapter(new SageMakerClient({}));

    // Act
    const found = await adapter.modelPackage('churn', 7);

    // Assess
    expect(found).toMatchObject({ arn: 'arn:pkg/7' });
    expect(sagemaker.commandCalls(ListModelPackagesCommand)).toHaveLength(2);
  });

  it('finds the package a RegisterModel step reported on the second page of an execution’s steps', async () => {
    // Prepare
    const execution = 'arn:aws:sagemaker:us-east-1:123456789012:pipeline/fraud/execution/e2';
    sagemaker
      .on(ListPipelineExecutionStepsCommand)
      .resolvesOnce({
        PipelineExecutionSteps: [{ StepName: 'Train', Metadata: { TrainingJob: { Arn: 'arn:job' } } }],
        NextToken: 's2',
      })
      .resolvesOnce({
        PipelineExecutionSteps: [{ StepName: 'RegisterModel', Metadata: { RegisterModel: { Arn: 'arn:pkg/5' } } }],
      });
    const adapter = new SageMakerAdapter(new SageMakerClient({}));

    // Act
    const registered = await adapter.packagesRegisteredBy(execution);

    // Assess: the steps oldest first, the largest page SageMaker allows, and no page past the last. The paginator
    // reuses one input object (every call shows the last token): the second page is proven by what only it answers.
    expect(registered).toEqual(['arn:pkg/5']);
    const calls = sagemaker.commandCalls(ListPipelineExecutionStepsCommand);
    expect(calls).toHaveLength(2);
    expect(calls[0]!.args[0].input).toMatchObject({
      PipelineExecutionArn: execution,
      SortOrder: 'Ascending',
      MaxResults: 100,
    });
  });

  it('reads the newest package from a one-item page', async () => {
    // Prepare
    sagemaker.on(ListModelPackagesCommand).resolves({
      ModelPackageSummaryList: [newest],
      NextToken: 'n',
    });
    sagemaker.on(DescribeModelPackageCommand).resolves({ ModelPackageArn: 'arn:pkg/3' });
    const adapter = new ModelRegistryAdapter(new SageMakerClient({}));

    // Act
    await adapter.modelPackage('churn');

    // Assess
    const calls = sagemaker.commandCalls(ListModelPackagesCommand);
    expect(calls.map((c) => c.args[0].input)).toEqual([
      expect.objectContaining({ ModelPackageGroupName: 'churn', SortOrder: 'Descending', MaxResults: 1 }),
    ]);
  });

  it("joins a variant's minutes across GetMetricData pages", async () => {
    // Prepare
    const minute = (m: number) => new Date(at.getTime() + m * 60_000);
    cloudwatch
      .on(GetMetricDataCommand)
      .resolvesOnce({ MetricDataResults: [{ Id: 'inv0', Timestamps: [minute(0)], Values: [100] }], NextToken: 'g2' })
      .resolvesOnce({ MetricDataResults: [{ Id: 'inv0', Timestamps: [minute(1)], Values: [120] }] });
    const adapter = new CloudWatchAdapter(new CloudWatchClient({}), ['MetricAlarm']);

    // Act
    const [series] = await adapter.variantMinutes('churn-prod', ['v1'], at, minute(2), []);

    // Assess
    expect([...series!.minutes.values()].map((m) => m.requests)).toEqual([100, 120]);
    expect(cloudwatch.commandCalls(GetMetricDataCommand)[1]!.args[0].input).toMatchObject({
      NextToken: 'g2',
      ScanBy: 'TimestampAscending',
    });
  });

  it("lists an endpoint's metrics across pages", async () => {
    // Prepare
    cloudwatch
      .on(ListMetricsCommand)
      .resolvesOnce({ Metrics: [{ MetricName: 'a' }], NextToken: 'l2' })
      .resolvesOnce({ Metrics: [{ MetricName: 'b' }] })
      .resolves({ Metrics: [] });
    const adapter = new DriftAlarmAdapter(new CloudWatchClient({}), ['MetricAlarm']);

    // Act
    const metrics = await adapter.metricsOfEndpoint('churn-prod');

    // Assess
    expect(metrics.map((m) => m.MetricName)).toEqual(['a', 'b']);
  });
});
