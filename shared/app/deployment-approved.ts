import type { ApprovedPackagesAdapter } from '../aws/sagemaker-packages';
import { onApproved } from '../domain/deployment/approvals';
import type { DeployedLine } from '../domain/deployment/line';
import type { ApprovedPackage } from '../domain/deployment/state';
import { DeploymentService, type DeploymentDeps } from './deployment';

export interface ApprovalDeploymentDeps extends DeploymentDeps {
  /** The registry's approved packages: the one an event names, or the newest when its event was lost. */
  packages: ApprovedPackagesAdapter;
}

/**
 * The side that deploys an approved package: its event (deployment-events.ts) or, when that event was lost, the
 * watcher (deployment-watch.ts). A class of its own, so the functions that never deploy one do not carry it.
 */
export class ApprovalDeployments extends DeploymentService {
  constructor(protected override readonly deps: ApprovalDeploymentDeps) {
    super(deps);
  }

  /** An approved package onto the line's endpoint: now, or queued behind the deployment in progress. */
  protected async deploy(line: DeployedLine, pkg: ApprovedPackage, decide = onApproved): Promise<string> {
    const endpoint = await this.snapshot(line.deployment.endpointName);
    const alarms = await this.startGate(line, endpoint);
    return (await this.applyDeployment(line, (s, now) => decide(s, line, pkg, endpoint, now, alarms))).log.message;
  }
}
