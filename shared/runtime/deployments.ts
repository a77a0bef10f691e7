// The deployment service of a function that deploys: SageMaker hosting and Neo, the variants' autoscaling, and
// CloudWatch where a decision reads it; never a training. What it cannot reach is `absent`, as its function's IAM
// role grants none of it.
import type { CloudWatchAdapter } from '../aws/cloudwatch';
import type { SageMakerAdapter } from '../aws/sagemaker';
import { DeploymentService } from '../app/deployment';
import { now } from '../clock';
import { logger, metrics } from '../observability/logger';
import { autoscaling, cloudwatch, events, hosting, notifications, store } from './clients';
import { absent, lazy } from './lazy';

const deploymentService = (metricsAndAlarms: () => CloudWatchAdapter) =>
  new DeploymentService({
    sagemaker: absent<SageMakerAdapter>('SageMaker training'),
    hosting: hosting(),
    autoscaling: autoscaling(),
    cloudwatch: metricsAndAlarms(),
    events: events(),
    notifications: notifications(),
    store: store(),
    logger,
    metrics,
    clock: now,
  });

/** Deployments and edge builds that read CloudWatch: the judge's metrics, abort alarms before and during a canary. */
export const deployments = /* @__PURE__ */ lazy(() => deploymentService(cloudwatch));

/** abortAlarmRaised: the alarm its event names is all it needs to know, so it reads none. */
export const deploymentsOnAlarm = /* @__PURE__ */ lazy(() =>
  deploymentService(() => absent<CloudWatchAdapter>('CloudWatch')),
);
