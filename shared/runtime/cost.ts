// The cost-sweep service of the costSweep function and of the CLI: SageMaker reads and the few actions enforcement
// takes, CloudWatch's batched metrics, the report topic and, when configured, the chat topic (CHAT_TOPIC_ARN).
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { CostSweepService } from '../app/cost-sweep';
import { CostMetricsAdapter } from '../aws/cost-metrics';
import { retrying } from '../aws/retry';
import { SageMakerCleanupAdapter } from '../aws/sagemaker-cleanup';
import { SageMakerCostAdapter } from '../aws/sagemaker-cost';
import { SageMakerWorkspacesAdapter } from '../aws/sagemaker-workspaces';
import { SageMakerRecommenderAdapter } from '../aws/sagemaker-recommender';
import { now } from '../clock';
import { shepherdPrefixes } from '../domain/cost/leftovers';
import { trainingPrefixes } from '../domain/cost/running-training';
import { logger, metrics } from '../observability/logger';
import { ActionSlots } from '../state/action-slots';
import { sweepActionsKey } from '../state/keys';
import { documents, events, notifications, snapshots, timelines } from './clients';
import { config } from './config';
import { env, stack } from './env';
import { lazy } from './lazy';

export const costSweep = /* @__PURE__ */ lazy(() => {
  const sagemakerClient = new SageMakerClient(retrying());
  if (!config.costSweep)
    throw new Error('shepherd.yml has no costSweep section: add one to sweep (README, Cost sweeps)');
  return new CostSweepService({
    sagemaker: new SageMakerCostAdapter(sagemakerClient),
    workspaces: new SageMakerWorkspacesAdapter(sagemakerClient),
    cleanup: new SageMakerCleanupAdapter(sagemakerClient),
    recommender: new SageMakerRecommenderAdapter(sagemakerClient),
    cloudwatch: new CostMetricsAdapter(new CloudWatchClient(retrying())),
    events: events(),
    notifications: notifications(),
    timeline: timelines(),
    snapshots: snapshots(),
    logger,
    metrics,
    clock: now,
    config: config.costSweep,
    region: env.AWS_REGION,
    stack,
    shepherdPrefixes: shepherdPrefixes(config.models),
    trainingPrefixes: trainingPrefixes(config.models),
  });
});

/** The actions of the scheduled run of `eventId`, counted over Lambda's retries of it. */
export const sweepActions = (eventId: string) =>
  new ActionSlots(documents(), env.TABLE_NAME, sweepActionsKey(eventId), now);
