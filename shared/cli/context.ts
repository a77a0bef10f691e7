// The CLI's view of one Shepherd: its model lines and the project's own adapters and services, built on the clients
// of the target it points at. Human actions run through the same services as the functions.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DeploymentDecisions } from '../app/deployment-decisions';
import type { Effects } from '../app/effects';
import { RetrainingOperator } from '../app/operator-retrain';
import { RetrainingService } from '../app/retraining';
import { AutoScalingAdapter } from '../aws/autoscaling';
import { alarmTypes } from '../aws/alarm-states';
import { CloudWatchAdapter } from '../aws/cloudwatch';
import { EventsAdapter } from '../aws/events';
import { SageMakerAdapter } from '../aws/sagemaker';
import { SageMakerHostingAdapter } from '../aws/sagemaker-hosting';
import { SageMakerNeoAdapter } from '../aws/sagemaker-neo';
import { ModelRegistryAdapter } from '../aws/sagemaker-registry';
import { NotificationsAdapter } from '../aws/sns';
import type { Config, ModelLine } from '../config/schema';
import { isDeployedLine, type DeployedLine } from '../domain/deployment/line';
import { NAMESPACE } from '../observability/logger';
import { DataWindows } from '../state/data-windows';
import { SnapshotStore } from '../state/snapshots';
import { StateStore } from '../state/store';
import { TimelineHistory } from '../state/timeline-reads';
import { UsageError } from './errors';
import { useClock } from '../clock';
import type { Target } from './target';

export interface Context {
  target: Target;
  config: Config;
  store: StateStore;
  timeline: TimelineHistory;
  sagemaker: SageMakerAdapter;
  registry: ModelRegistryAdapter;
  operator: RetrainingOperator;
  clock: () => Date;
  /** What every service of the CLI shares: the target's bus, topic and table, logs, metrics and clock. */
  services: Pick<Effects, 'events' | 'notifications' | 'timeline'> & {
    snapshots: SnapshotStore;
    logger: Logger;
    metrics: Metrics;
    clock: () => Date;
  };
}

export function buildContext(target: Target, config: Config): Context {
  const clock = target.clock;
  // Leases too are measured on it (state/store.ts): against the local cloud, its virtual time, as its functions do.
  useClock(clock);
  const dynamo = new DynamoDBClient({ ...target.client, ...target.dynamodb });
  const marshallOptions = { removeUndefinedValues: true, convertClassInstanceToMap: true };
  const documents = DynamoDBDocumentClient.from(dynamo, { marshallOptions });
  const store = new StateStore(documents, target.tableName);
  const timeline = new TimelineHistory(documents, target.tableName);
  const sagemakerClient = new SageMakerClient(target.client);
  const sagemaker = new SageMakerAdapter(sagemakerClient);
  // The CLI speaks through its output, not logs: SHEPHERD_LOG_LEVEL shows the services' own logs (on stdout).
  const logger = new Logger({
    serviceName: 'shepherd-cli',
    logLevel: (process.env.SHEPHERD_LOG_LEVEL ?? 'SILENT') as 'SILENT',
  });
  const metrics = new Metrics({ namespace: NAMESPACE, serviceName: 'shepherd-cli', logger });
  const fx = {
    sagemaker,
    hosting: new SageMakerHostingAdapter(sagemakerClient),
    neo: new SageMakerNeoAdapter(sagemakerClient),
    registry: new ModelRegistryAdapter(sagemakerClient),
    autoscaling: new AutoScalingAdapter(new ApplicationAutoScalingClient(target.client)),
    events: new EventsAdapter(new EventBridgeClient(target.client), target.busName),
    notifications: new NotificationsAdapter(new SNSClient(target.client), target.topicArn),
    store,
    timeline,
    logger,
    metrics,
    clock,
    stack: target.stack,
  };
  const retraining = new RetrainingService({ ...fx, windows: new DataWindows(documents, target.tableName) });
  const deployments = new DeploymentDecisions({
    ...fx,
    cloudwatch: new CloudWatchAdapter(new CloudWatchClient(target.client), alarmTypes(config.compositeAlarms)),
  });
  const operator = new RetrainingOperator({ ...fx, retraining, deployments });
  const snapshots = new SnapshotStore(documents, target.tableName);
  const services = { events: fx.events, notifications: fx.notifications, timeline, snapshots, logger, metrics, clock };
  return { target, config, store, timeline, sagemaker, registry: fx.registry, operator, clock, services };
}

/** The model line named on the command line; a name shepherd.yml does not know is a usage error. */
export function lineNamed(config: Config, name: string): ModelLine {
  const line = config.models.find((m) => m.name === name);
  if (line) return line;
  const known = config.models.map((m) => m.name).join(', ');
  throw new UsageError(`unknown model line '${name}': shepherd.yml names ${known || 'none'}`);
}

/** The line deploying to the endpoint named (as SageMaker compares names: without case). */
export function lineOfEndpoint(config: Config, endpoint: string): DeployedLine {
  const lines = config.models.filter(isDeployedLine);
  const line = lines.find((m) => m.deployment.endpointName.toLowerCase() === endpoint.toLowerCase());
  if (line) return line;
  const known = lines.map((m) => m.deployment.endpointName).join(', ');
  throw new UsageError(`unknown endpoint '${endpoint}': shepherd.yml deploys to ${known || 'none'}`);
}
