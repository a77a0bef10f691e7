// The retraining service of a function that trains: SageMaker training and the registry, never an endpoint. What it
// cannot reach is `absent`, as its function's IAM role grants none of it.
import type { AutoScalingAdapter } from '../aws/autoscaling';
import type { SageMakerHostingAdapter } from '../aws/sagemaker-hosting';
import type { SageMakerNeoAdapter } from '../aws/sagemaker-neo';
import type { ModelRegistryAdapter } from '../aws/sagemaker-registry';
import { RetrainingService } from '../app/retraining';
import { now } from '../clock';
import { logger, metrics } from '../observability/logger';
import { dataWindows, events, notifications, store, timelines, training } from './clients';
import { absent, lazy } from './lazy';

/** Training, registration and the retraining triggers. */
export const retraining = /* @__PURE__ */ lazy(
  () =>
    new RetrainingService({
      sagemaker: training(),
      hosting: absent<SageMakerHostingAdapter>('SageMaker hosting'),
      neo: absent<SageMakerNeoAdapter>('SageMaker Neo'),
      // A human decides on a package (the CLI, an approval link); a retraining only registers it.
      registry: absent<ModelRegistryAdapter>('Model Registry decisions'),
      autoscaling: absent<AutoScalingAdapter>('Application Auto Scaling'),
      events: events(),
      notifications: notifications(),
      store: store(),
      timeline: timelines(),
      windows: dataWindows(),
      logger,
      metrics,
      clock: now,
    }),
);
