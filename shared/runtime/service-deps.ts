// What Shepherd's decision services are built from. A function passes the AWS services it reaches; every other is
// `absent`, as its IAM role grants none of it, so a call that reaches one anyway fails with its name.
import type { DeciderDeps } from '../app/decider';
import type { Effects, TrainingHooks } from '../app/effects';
import type { AutoScalingAdapter } from '../aws/autoscaling';
import type { SageMakerAdapter } from '../aws/sagemaker';
import type { SageMakerHostingAdapter } from '../aws/sagemaker-hosting';
import type { SageMakerNeoAdapter } from '../aws/sagemaker-neo';
import type { ModelRegistryAdapter } from '../aws/sagemaker-registry';
import { now } from '../clock';
import { logger, metrics } from '../observability/logger';
import { events, notifications, store, timelines } from './clients';
import { stack } from './env';
import { absent } from './lazy';

type Reached = Partial<Pick<Effects, 'sagemaker' | 'hosting' | 'neo' | 'registry' | 'autoscaling'>>;

/** What every decision takes: the table, the timeline, the bus and the topics, the logs, the metrics and the clock. */
export const decisionDeps = () => ({
  events: events(),
  notifications: notifications(),
  store: store(),
  timeline: timelines(),
  logger,
  metrics,
  clock: now,
});

/** A service that performs actions (shared/app/effects.ts), given the SageMaker and scaling services it reaches. */
export const serviceDeps = (reached: Reached): Omit<Effects, TrainingHooks> & DeciderDeps => ({
  sagemaker: absent<SageMakerAdapter>('SageMaker training'),
  hosting: absent<SageMakerHostingAdapter>('SageMaker hosting'),
  neo: absent<SageMakerNeoAdapter>('SageMaker Neo'),
  registry: absent<ModelRegistryAdapter>('Model Registry decisions'),
  autoscaling: absent<AutoScalingAdapter>('Application Auto Scaling'),
  ...reached,
  ...decisionDeps(),
  stack,
});
