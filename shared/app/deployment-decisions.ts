// The deployments' side of a human's word (the CLI's and the approval links'): promote or abort.
import { onHumanDecision, type HumanChoice } from '../domain/deployment/human';
import type { DeployedLine } from '../domain/deployment/line';
import type { DeploymentDecision } from '../domain/deployment/decision';
import { emptyDeploymentState, type DeploymentState } from '../domain/deployment/state';
import { deploymentKey } from '../state/keys';
import { DEPLOYMENT_ITEM } from '../state/kinds/deployment';
import { DeploymentService } from './deployment';

export class DeploymentDecisions extends DeploymentService {
  /**
   * A human's word on the deployment in progress (`deploymentId`: only if it is still that one), recorded with who
   * and why. The decision carries no state when nothing could be done (shared/domain/deployment/human.ts). Its
   * requests are made with the caller's credentials (the CLI's user): one refused is thrown to the caller, not taken
   * as the deployment's failure; it stays in the outbox, and the reconciler makes it with the function's role.
   */
  async decide(
    line: DeployedLine,
    choice: HumanChoice,
    who: string,
    why: string,
    deploymentId?: string,
  ): Promise<DeploymentDecision> {
    const endpoint = line.deployment.endpointName;
    const { state } = await this.deps.store.get(
      deploymentKey(endpoint),
      emptyDeploymentState(endpoint),
      DEPLOYMENT_ITEM,
    );
    // Only a promotion reads the baseline (its autoscaling moves to the candidate, its instances size it). An abort
    // drains by weight and restores the baseline's config keeping its instances: a read would only be one more way
    // for the abort to fail (a throttle, a CLI user without Application Auto Scaling rights).
    const promoting = choice === 'promote' && state.active;
    const scaling = promoting ? await this.baselineScaling(line, promoting) : undefined;
    const instances = promoting ? await this.baselineInstances(line, promoting) : undefined;
    const decide = (s: DeploymentState, now: Date) =>
      onHumanDecision(s, line, choice, who, why, now, scaling, deploymentId, instances);
    return this.applyDeployment(line, decide, false);
  }
}
