// The deployment services of the functions that deploy: SageMaker hosting, the variants' autoscaling, and CloudWatch
// where a decision reads it; never a training. What a function cannot reach is `absent`, as its IAM role grants none
// of it. Each function builds the side of deployments it calls (see shared/app/deployment.ts).
import type { CloudWatchAdapter } from '../aws/cloudwatch';
import type { ApprovedPackagesAdapter } from '../aws/sagemaker-packages';
import { DeploymentService, type DeploymentDeps } from '../app/deployment';
import { DeploymentDecisions } from '../app/deployment-decisions';
import { DeploymentEvents } from '../app/deployment-events';
import { EdgeBuilds } from '../app/edge';
import type { Performs } from '../app/grants';
import * as LEFTOVER_GRANTS from '../app/leftover-grants';
import { cloudwatch } from './alarms';
import { autoscaling, hosting, neo, packages } from './clients';
import { absent, lazy } from './lazy';
import { serviceDeps } from './service-deps';

/** `performs`: the leftover work the function's role is granted (shared/app/grants.ts); all of it when unsaid. */
export const dependencies = (metricsAndAlarms: () => CloudWatchAdapter, performs?: Performs): DeploymentDeps => ({
  ...serviceDeps({ hosting: hosting(), autoscaling: autoscaling() }),
  cloudwatch: metricsAndAlarms(),
  ...(performs ? { performs } : {}),
});

/** The Neo builds of approved models: started on an approval, polled by the reconciler. */
export const edgeBuilds = /* @__PURE__ */ lazy(
  // Builds deploy nothing: the registry's approved packages are all they read (an approval whose event was lost).
  () => new EdgeBuilds({ ...serviceDeps({ neo: neo() }), packages: packages() }),
);

const noAlarms = () => absent<CloudWatchAdapter>('CloudWatch');

/** Deployments and edge builds on an approval; CloudWatch for the abort alarms that can hold a canary back. */
export const deployments = /* @__PURE__ */ lazy(
  () =>
    new DeploymentEvents({
      ...dependencies(cloudwatch, LEFTOVER_GRANTS.modelPackageStateChanged),
      packages: packages(),
      edge: edgeBuilds(),
    }),
);

/** endpointStateChanged: what the endpoint says now moves its deployment on, which may start the queued one. */
export const deploymentsOnEndpoint = /* @__PURE__ */ lazy(
  () => new DeploymentService(dependencies(cloudwatch, LEFTOVER_GRANTS.endpointStateChanged)),
);

/** abortAlarmRaised: the alarm its event names is all it needs to know, so it reads none, and approves nothing. */
export const deploymentsOnAlarm = /* @__PURE__ */ lazy(
  () =>
    new DeploymentEvents({
      ...dependencies(noAlarms, LEFTOVER_GRANTS.abortAlarmRaised),
      packages: absent<ApprovedPackagesAdapter>('Model Registry packages'),
      edge: absent<EdgeBuilds>('Neo builds'),
    }),
);

/**
 * approvalLink's promotion or abort: reads the baseline's scaling, never an alarm (shared/domain/deployment/human.ts).
 * Its role builds nothing for the edge: an endpoint's leftover Neo request is left to a function granted it.
 */
export const deploymentDecisions = /* @__PURE__ */ lazy(
  () => new DeploymentDecisions(dependencies(noAlarms, LEFTOVER_GRANTS.approvalLink)),
);
