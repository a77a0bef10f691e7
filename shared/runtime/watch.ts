// The deployment watcher of watchDeployments: its own module, so the event handlers' bundles never reach the judge.
import { DeploymentWatcher } from '../app/deployment-watch';
import * as LEFTOVER_GRANTS from '../app/leftover-grants';
import { cloudwatch } from './alarms';
import { packages } from './clients';
import { dependencies } from './deployments';
import { lazy } from './lazy';

/**
 * Every tick judges bakes from the variants' metrics and re-reads the abort alarms. Its role deploys and builds
 * nothing for the edge (shared/config/iam.ts): an endpoint's leftover Neo request is left to a function granted it.
 */
export const deploymentWatcher = /* @__PURE__ */ lazy(
  () => new DeploymentWatcher({ ...dependencies(cloudwatch, LEFTOVER_GRANTS.watchDeployments), packages: packages() }),
);
