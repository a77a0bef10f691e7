// A mocked account for cost-sweep tests: endpoints as Search returns them, their configs, and CloudWatch answering
// each per-variant query from a table of usage, as GetMetricData would with one datapoint per query.
import { CloudWatchClient, GetMetricDataCommand, type GetMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import {
  DescribeEndpointConfigCommand,
  ListAppsCommand,
  ListEndpointConfigsCommand,
  ListModelsCommand,
  ListNotebookInstancesCommand,
  ListTrainingJobsCommand,
  SearchCommand,
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { freshWorld, type WorldOptions } from './function-world';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CostSweepService } from '../../shared/app/cost-sweep';
import { CostMetricsAdapter } from '../../shared/aws/cost-metrics';
import { EventsAdapter } from '../../shared/aws/events';
import { SageMakerCleanupAdapter } from '../../shared/aws/sagemaker-cleanup';
import { SageMakerCostAdapter } from '../../shared/aws/sagemaker-cost';
import { SageMakerWorkspacesAdapter } from '../../shared/aws/sagemaker-workspaces';
import { SageMakerRecommenderAdapter } from '../../shared/aws/sagemaker-recommender';
import { NotificationsAdapter } from '../../shared/aws/sns';
import { costSweepSchema } from '../../shared/config/cost-schema';
import { logger, metrics } from '../../shared/observability/logger';
import type { StackTarget } from '../../shared/domain/cli-command';
import { SnapshotStore } from '../../shared/state/snapshots';
import { TimelineStore } from '../../shared/state/timeline';
import { sagemaker } from './aws';

export const cloudwatch = mockClient(CloudWatchClient);

/** A clean account for each cost test: no mocked answers, no calls seen, an empty state table. */
export function resetCostAccount(world: WorldOptions = {}): Promise<void> {
  return freshWorld({ ...world, alsoReset: [() => cloudwatch.reset(), ...(world.alsoReset ?? [])] });
}

export interface MockVariant {
  name: string;
  type?: string;
  count?: number;
  invocations?: number;
  cpu?: number;
  memory?: number;
  /** A serverless variant, with its provisioned concurrency if any. */
  serverless?: { provisioned?: number };
}
export interface MockEndpoint {
  name: string;
  variants: MockVariant[];
  tags?: Record<string, string>;
  lastModified?: string;
  /** Asynchronous inference: its config has an AsyncInferenceConfig, and its traffic is InvocationsProcessed. */
  async?: boolean;
  /** Hosts inference components: its config names no model, and its traffic is published per component only. */
  components?: boolean;
}

const serverlessConfig = (v: MockVariant) => ({
  MemorySizeInMB: 2048,
  MaxConcurrency: 10,
  ...(v.serverless?.provisioned ? { ProvisionedConcurrency: v.serverless.provisioned } : {}),
});

export const searchRecord = (e: MockEndpoint) => ({
  Endpoint: {
    EndpointName: e.name,
    EndpointArn: `arn:aws:sagemaker:us-east-1:123456789012:endpoint/${e.name}`,
    EndpointConfigName: `${e.name}-config`,
    EndpointStatus: 'InService' as const,
    CreationTime: new Date('2026-09-01T00:00:00Z'),
    LastModifiedTime: new Date(e.lastModified ?? '2026-09-01T00:00:00Z'),
    ProductionVariants: e.variants.map((v) => ({
      VariantName: v.name,
      CurrentWeight: 1,
      ...(v.serverless ? { CurrentServerlessConfig: serverlessConfig(v) } : { CurrentInstanceCount: v.count ?? 1 }),
    })),
    Tags: Object.entries(e.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
  },
});

/** Search pages of `pageSize`, each config describable, and metrics from each variant's usage. */
export function mockAccount(endpoints: MockEndpoint[], pageSize = 100): void {
  for (let i = 0; i < Math.max(endpoints.length, 1); i += pageSize) {
    const page = endpoints.slice(i, i + pageSize);
    const more = i + pageSize < endpoints.length;
    sagemaker
      .on(SearchCommand, i === 0 ? { Resource: 'Endpoint', NextToken: undefined } : { NextToken: `p${i}` })
      .resolves({ Results: page.map(searchRecord), ...(more ? { NextToken: `p${i + pageSize}` } : {}) });
  }
  // One fake for every config: a matcher per endpoint makes thousands of them slow to match.
  const byConfig = new Map(endpoints.map((e) => [`${e.name}-config`, e]));
  sagemaker
    .on(DescribeEndpointConfigCommand)
    .callsFake(async ({ EndpointConfigName }: { EndpointConfigName: string }) => {
      const e = byConfig.get(EndpointConfigName);
      if (!e)
        throw Object.assign(new Error(`Could not find endpoint configuration "${EndpointConfigName}".`), {
          name: 'ValidationException',
        });
      return {
        EndpointConfigName,
        ProductionVariants: e.variants.map((v) => ({
          VariantName: v.name,
          ...(e.components ? {} : { ModelName: `${e.name}-model` }),
          ...(v.serverless
            ? { ServerlessConfig: serverlessConfig(v) }
            : { InstanceType: v.type ?? 'ml.m5.xlarge', InitialInstanceCount: v.count ?? 1 }),
        })),
        ...(e.components ? { ExecutionRoleArn: 'arn:aws:iam::123456789012:role/components' } : {}),
        ...(e.async ? { AsyncInferenceConfig: { OutputConfig: { S3OutputPath: 's3://bucket/async-out/' } } } : {}),
      };
    });
  sagemaker.on(ListNotebookInstancesCommand).resolves({ NotebookInstances: [] });
  sagemaker.on(ListAppsCommand).resolves({ Apps: [] });
  sagemaker.on(ListTrainingJobsCommand).resolves({ TrainingJobSummaries: [] });
  sagemaker.on(ListEndpointConfigsCommand).resolves({ EndpointConfigs: [] });
  sagemaker.on(ListModelsCommand).resolves({ Models: [] });
  const usage = new Map(endpoints.flatMap((e) => e.variants.map((v) => [`${e.name}/${v.name}`, { ...v, e }] as const)));
  cloudwatch.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) => ({
    MetricDataResults: (input.MetricDataQueries ?? []).flatMap((q) => {
      const dims = Object.fromEntries((q.MetricStat?.Metric?.Dimensions ?? []).map((d) => [d.Name, d.Value]));
      const v = usage.get(`${dims.EndpointName}/${dims.VariantName}`);
      // An asynchronous endpoint publishes no Invocations: what it served is InvocationsProcessed.
      const value = {
        Invocations: v?.e.async || v?.e.components ? undefined : v?.invocations,
        InvocationsProcessed: v?.e.async ? v.invocations : undefined,
        CPUUtilization: v?.cpu,
        MemoryUtilization: v?.memory,
      }[q.MetricStat?.Metric?.MetricName ?? ''];
      // No datapoint at all for a metric that has none, as SageMaker publishes no Invocations without traffic.
      return [
        {
          Id: q.Id,
          Timestamps: value === undefined ? [] : [input.StartTime!],
          Values: value === undefined ? [] : [value],
        },
      ];
    }),
  }));
}

export const metricQueries = () =>
  cloudwatch.commandCalls(GetMetricDataCommand).map((c) => c.args[0].input.MetricDataQueries ?? []);

/** The sweep service over the mocked clients and the test's table, with a `costSweep` section of `config`. */
export function costService(
  config: Record<string, unknown>,
  clock: () => Date,
  chat = false,
  region = 'us-east-1',
  stack: StackTarget = { stage: 'test', region },
): CostSweepService {
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
  const topic = 'arn:aws:sns:us-east-1:123456789012:shepherd-test-notifications';
  return new CostSweepService({
    sagemaker: new SageMakerCostAdapter(new SageMakerClient({})),
    workspaces: new SageMakerWorkspacesAdapter(new SageMakerClient({})),
    cleanup: new SageMakerCleanupAdapter(new SageMakerClient({})),
    recommender: new SageMakerRecommenderAdapter(new SageMakerClient({})),
    cloudwatch: new CostMetricsAdapter(new CloudWatchClient({})),
    events: new EventsAdapter(new EventBridgeClient({}), 'shepherd-test'),
    notifications: new NotificationsAdapter(new SNSClient({}), topic, chat ? { chatTopicArn: `${topic}-chat` } : {}),
    timeline: new TimelineStore(doc, process.env.TABLE_NAME!),
    snapshots: new SnapshotStore(doc, process.env.TABLE_NAME!),
    logger,
    metrics,
    clock,
    config: costSweepSchema.parse(config),
    region,
    stack,
    shepherdPrefixes: ['churn-'],
    trainingPrefixes: ['churn-'],
  });
}
