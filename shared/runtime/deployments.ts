// The deployment services of the functions that deploy: SageMaker hosting, the variants' autoscaling, and CloudWatch
// where a decision reads it; never a training. What a function cannot reach is `absent`, as its IAM role grants none
// of it. Each function builds the side of deployments it calls (see shared/app/deployment.ts).
import type { AutoScalingAdapter } from '../aws/autoscaling';
import type { CloudWatchAdapter } from '../aws/cloudwatch';
import type { SageMakerHostingAdapter } from '../aws/sagemaker-hosting';
import type { SageMakerAdapter } from '../aws/sagemaker';
import type { SageMakerNeoAdapter } from '../aws/sagemaker-neo';
import type { ApprovedPackagesAdapter } from '../aws/sagemaker-packages';
import type { ModelRegistryAdapter } from '../aws/sagemaker-registry';
import { DeploymentService, type DeploymentDeps } from '../app/deployment';
import { DeploymentDecisions } from '../app/deployment-decisions';
import { DeploymentEvents } from '../app/deployment-events';
import { EdgeBuilds } from '../app/edge';
import { now } from '../clock';
import { logger, metrics } from '../observability/logger';
import { autoscaling, cloudwatch, events, hosting, neo, notifications, packages, store, timelines } from './clients';
import { absent, lazy } from './lazy';

export const dependencies = (metricsAndAlarms: () => CloudWatchAdapter): DeploymentDeps => ({
  sagemaker: absent<SageMakerAdapter>('SageMaker training'),
  hosting: hosting(),
  neo: absent<SageMakerNeoAdapter>('SageMaker Neo'),
  registry: absent<ModelRegistryAdapter>('Model Registry decisions'),
  autoscaling: autoscaling(),
  cloudwatch: metricsAndAlarms(),
  events: events(),
  notifications: notifications(),
  store: store(),
  timeline: timelines(),
  logger,
  metrics,
  clock: now,
});

/** The Neo builds of approved models: started on an approval, polled by the reconciler. */
export const edgeBuilds = /* @__PURE__ */ lazy(
  () =>
    new EdgeBuilds({
      sagemaker: absent<SageMakerAdapter>('SageMaker training'),
      // Builds deploy nothing: the registry's approved packages are all they read (an approval whose event was lost).
      hosting: absent<SageMakerHostingAdapter>('SageMaker hosting'),
      packages: packages(),
      neo: neo(),
      registry: absent<ModelRegistryAdapter>('Model Registry decisions'),
      autoscaling: absent<AutoScalingAdapter>('Application Auto Scaling'),
      events: events(),
      notifications: notifications(),
      store: store(),
      timeline: timelines(),
      logger,
      metrics,
      clock: now,
    }),
);

const noAlarms = () => absent<CloudWatchAdapter>('CloudWatch');

/** Deployments and edge builds on an approval; CloudWatch for the abort alarms that can hold a canary back. */
export const deployments = /* @__PURE__ */ lazy(
  () => new DeploymentEvents({ ...dependencies(cloudwatch), packages: packages(), edge: edgeBuilds() }),
);

/** endpointStateChanged: what the endpoint says now moves its deployment on, which may start the queued one. */
export const deploymentsOnEndpoint = /* @__PURE__ */ lazy(() => new DeploymentService(dependencies(cloudwatch)));

/** abortAlarmRaised: the alarm its event names is all it needs to know, so it reads none, and approves nothing. */
export const deploymentsOnAlarm = /* @__PURE__ */ lazy(
  () =>
    new DeploymentEvents({
      ...dependencies(noAlarms),
      packages: absent<ApprovedPackagesAdapter>('Model Registry packages'),
      edge: absent<EdgeBuilds>('Neo builds'),
    }),
);

/** A human's promotion or abort: reads the baseline's scaling, never an alarm (shared/domain/deployment/human.ts). */
export const deploymentDecisions = /* @__PURE__ */ lazy(() => new DeploymentDecisions(dependencies(noAlarms)));
