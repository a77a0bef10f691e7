// The deployment service of a function that deploys: SageMaker hosting and Neo, the variants' autoscaling, and
// CloudWatch where a decision reads it; never a training. What it cannot reach is `absent`, as its function's IAM
// role grants none of it.
import type { AutoScalingAdapter } from '../aws/autoscaling';
import type { CloudWatchAdapter } from '../aws/cloudwatch';
import type { SageMakerAdapter } from '../aws/sagemaker';
import type { SageMakerNeoAdapter } from '../aws/sagemaker-neo';
import { DeploymentService, type DeploymentDeps } from '../app/deployment';
import { EdgeBuilds } from '../app/edge';
import { now } from '../clock';
import { logger, metrics } from '../observability/logger';
import { autoscaling, cloudwatch, events, hosting, neo, notifications, store } from './clients';
import { absent, lazy } from './lazy';

export const dependencies = (metricsAndAlarms: () => CloudWatchAdapter, edge: () => EdgeBuilds): DeploymentDeps => ({
  sagemaker: absent<SageMakerAdapter>('SageMaker training'),
  hosting: hosting(),
  neo: absent<SageMakerNeoAdapter>('SageMaker Neo'),
  autoscaling: autoscaling(),
  cloudwatch: metricsAndAlarms(),
  edge: edge(),
  events: events(),
  notifications: notifications(),
  store: store(),
  logger,
  metrics,
  clock: now,
});

/** The Neo builds of approved models: started on an approval, polled by the reconciler. */
export const edgeBuilds = /* @__PURE__ */ lazy(
  () =>
    new EdgeBuilds({
      sagemaker: absent<SageMakerAdapter>('SageMaker training'),
      // The registry's approved packages, for an approval whose event was lost.
      hosting: hosting(),
      neo: neo(),
      autoscaling: absent<AutoScalingAdapter>('Application Auto Scaling'),
      events: events(),
      notifications: notifications(),
      store: store(),
      logger,
      metrics,
      clock: now,
    }),
);

export const noEdgeBuilds = () => absent<EdgeBuilds>('Neo builds');
const noAlarms = () => absent<CloudWatchAdapter>('CloudWatch');

/** Deployments and edge builds on an event; CloudWatch for the abort alarms that can hold a canary back. */
export const deployments = /* @__PURE__ */ lazy(() => new DeploymentService(dependencies(cloudwatch, edgeBuilds)));

/** abortAlarmRaised: the alarm its event names is all it needs to know, so it reads none. */
export const deploymentsOnAlarm = /* @__PURE__ */ lazy(
  () => new DeploymentService(dependencies(noAlarms, noEdgeBuilds)),
);
