// The deployment watcher of watchDeployments: its own module, so the event handlers' bundles never reach the judge.
import { DeploymentWatcher } from '../app/deployment-watch';
import { cloudwatch } from './alarms';
import { packages } from './clients';
import { dependencies } from './deployments';
import { lazy } from './lazy';

/** Every tick judges bakes from the variants' metrics and re-reads the abort alarms. */
export const deploymentWatcher = /* @__PURE__ */ lazy(
  () => new DeploymentWatcher({ ...dependencies(cloudwatch), packages: packages() }),
);
