// The deployments' side of events: an approval or rejection of a model package, an abort alarm.
import type { ModelLine } from '../config/schema';
import { onAbortAlarm } from '../domain/deployment/abort';
import { rejectionRecorded } from '../domain/deployment/approvals';
import { isDeployedLine, type DeployedLine } from '../domain/deployment/line';
import { onPackageRejected } from '../domain/deployment/rejected';
import { onApprovalEvent } from '../domain/deployment/serves-already';
import { isNotApproved, type DeploymentState } from '../domain/deployment/state';
import type { EventSeen, Gone } from '../domain/gone';
import { ApprovalDeployments, type ApprovalDeploymentDeps } from './deployment-approved';
import type { EdgeBuilds } from './edge';
import { perform } from './effects';

export interface DeploymentEventDeps extends ApprovalDeploymentDeps {
  /** The Neo builds an approval starts; built apart, so a function that never approves does not carry them. */
  edge: EdgeBuilds;
}

/** What modelPackageStateChanged and abortAlarmRaised do to a line's deployments (endpointStateChanged: the base). */
export class DeploymentEvents extends ApprovalDeployments {
  constructor(protected override readonly deps: DeploymentEventDeps) {
    super(deps);
  }

  /**
   * A Rejected package: recorded on the line's timeline, its edge builds in flight withdrawn, no longer deployed if its
   * approval was queued, rolled back if it canaries, and the operator told if it serves (rejected.ts).
   */
  async rejected(line: ModelLine, arn: string, why: string | undefined, at: string): Promise<string> {
    await perform(rejectionRecorded(line.name, arn, why, at), this.fx);
    if (line.edgeTargets.length) await this.deps.edge.rejected(line, arn, at);
    if (!isDeployedLine(line)) return 'rejection recorded';
    const decision = await this.applyDeployment(line, (s, now) => onPackageRejected(s, line, arn, now, at, why));
    return decision.state ? decision.log.message : 'rejection recorded';
  }

  /** An Approved package: deploy it (or queue it) and start its edge builds; nothing if it was deleted since. */
  async approved(line: ModelLine, arn: string, event: EventSeen): Promise<string | Gone> {
    const pkg = await this.deps.packages.approvedPackage(arn, event.time);
    if (!pkg) return this.gone(line, event, `model package ${arn} no longer exists: its approval is not deployed`);
    if (isNotApproved(pkg)) return `model package ${arn} is ${pkg.notApproved} now: its approval is not deployed`;
    // The package the endpoint already serves is not deployed beside itself (serves-already.ts).
    const outcome = isDeployedLine(line) ? await this.deploy(line, pkg, onApprovalEvent) : 'no deployment configured';
    if (line.edgeTargets.length) await this.deps.edge.approved(line, pkg);
    return outcome;
  }

  /** One of the line's abort alarms went into ALARM (at `changedAt`): its canary fails now, in this invocation. */
  async abortAlarm(line: DeployedLine, alarmName: string, changedAt?: string): Promise<string> {
    const decide = (s: DeploymentState, now: Date) => onAbortAlarm(s, line, alarmName, now, changedAt);
    return (await this.applyDeployment(line, decide)).log.message;
  }
}
