// Everything a handler needs, built once per cold start: config, clients, adapters, the state store.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { z } from 'zod';
import { DeploymentService } from './app/deployment';
import { RetrainingService } from './app/retraining';
import { AutoScalingAdapter } from './aws/autoscaling';
import { CloudWatchAdapter } from './aws/cloudwatch';
import { SageMakerHostingAdapter } from './aws/sagemaker-hosting';
import { configWarnings } from './config/schema';
import type { DeployedLine } from './domain/deployment/start';
import { EventsAdapter } from './aws/events';
import { SageMakerAdapter } from './aws/sagemaker';
import { NotificationsAdapter } from './aws/sns';
import { retrying } from './aws/retry';
import { ConfigError, formatIssues, loadConfig } from './config/load';
import { logger, metrics } from './observability/logger';
import { now } from './clock';
import { StateStore } from './state/store';

const envSchema = z.object({
  TABLE_NAME: z.string().min(3, 'must name the state table'),
  TOPIC_ARN: z.string().regex(/^arn:aws[a-z-]*:sns:/, 'must be an SNS topic ARN'),
  EVENT_BUS_NAME: z.string().min(1, 'must name Shepherd’s event bus'),
});

function readEnv() {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) throw new ConfigError('environment', formatIssues(parsed.error.issues));
  return parsed.data;
}

export const env = readEnv();
export const config = loadConfig();

// Throttling is retried by the SDK with backoff; past that, the error reaches Lambda's own retries and the DLQ.
export const dynamo = new DynamoDBClient(retrying());
export const documents = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true } });
export const store = new StateStore(documents, env.TABLE_NAME);
const sagemakerClient = new SageMakerClient(retrying());
export const sagemaker = new SageMakerAdapter(sagemakerClient);
export const hosting = new SageMakerHostingAdapter(sagemakerClient);
export const cloudwatch = new CloudWatchAdapter(new CloudWatchClient(retrying()));
export const autoscaling = new AutoScalingAdapter(new ApplicationAutoScalingClient(retrying()));
export const events = new EventsAdapter(new EventBridgeClient(retrying()), env.EVENT_BUS_NAME);
export const notifications = new NotificationsAdapter(new SNSClient(retrying()), env.TOPIC_ARN);

export { logger, metrics };
export const retraining = new RetrainingService({ sagemaker, hosting, autoscaling, events, notifications, store, logger, metrics, clock: now });
export const deployments = new DeploymentService({ sagemaker, hosting, autoscaling, cloudwatch, events, notifications, store, logger, metrics, clock: now });
for (const warning of configWarnings(config)) logger.warn('shepherd.yml warning', { warning });

/** The model line deploying to an endpoint. */
export const lineOfEndpoint = (endpoint: string) => config.models.find((m) => m.deployment?.endpointName === endpoint) as DeployedLine | undefined;

/** The model line an event names, or undefined (logged and counted by the caller's `ignored`). */
export const modelLine = (name: string | undefined) => config.models.find((m) => m.name === name);

/** Events about things Shepherd does not manage: a log line and a metric, no action, no retry. */
export function ignored(message: string, data: Record<string, unknown>) {
  logger.info(message, data);
  metrics.addMetric('EventsIgnored', MetricUnit.Count, 1);
  return { status: 'ignored' as const, reason: message };
}
