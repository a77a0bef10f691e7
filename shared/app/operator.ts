// What a human can do to a model line, the same whether asked from the `shepherd` CLI or an approval link: approve or
// reject a registered model, promote or abort a deployment (and, from the CLI alone, ask for a retraining: see
// operator-retrain.ts). Each is decided in the domain, written conditionally, safe to repeat, recorded on the line's
// timeline with who and why, and refused with a reason when there is nothing to do.
import type { ModelLine } from '../config/schema';
import { humanVerdict, type HumanChoice } from '../domain/deployment/human';
import { isDeployedLine } from '../domain/deployment/line';
import { emptyDeploymentState } from '../domain/deployment/state';
import { nothing } from '../domain/decisions';
import {
  emptyPackageDecision,
  onDecisionRefused,
  onPackageDecision,
  packageVerdict,
  type HumanWord,
  type PackageVerdict,
  type PackageVerdictOutcome,
  type PackageView,
} from '../domain/registry/decision';
import { deploymentKey, packageDecisionKey } from '../state/keys';
import { UNCHECKED_ITEM } from '../state/item-check';
import { DEPLOYMENT_ITEM } from '../state/kinds/deployment';
import { Decider, type DeciderDeps } from './decider';
import type { DeploymentDecisions } from './deployment-decisions';
import { noTrainingHooks, perform, type Effects, type TrainingHooks } from './effects';

export interface OperatorDeps extends DeciderDeps, Omit<Effects, TrainingHooks> {
  deployments: DeploymentDecisions;
}

/** `done`: the action was taken; `already`: it was taken before (a repeat); `refused`: it cannot be, see message. */
export interface OperatorResult {
  outcome: 'done' | 'already' | 'refused';
  message: string;
  data?: Record<string, unknown>;
}

/** Which package a human decides on: by ARN (an approval link), else version `version` of the line, else the newest. */
export type PackageSubject = { arn: string } | { version?: number };

export const refused = (message: string, data?: Record<string, unknown>): OperatorResult => ({
  outcome: 'refused',
  message,
  ...(data ? { data } : {}),
});

export class Operator {
  private readonly decider: Decider;

  constructor(private readonly deps: OperatorDeps) {
    const fx: Effects = { ...deps, ...noTrainingHooks };
    this.decider = new Decider(deps, (action) => perform(action, fx));
  }

  /** Approves or rejects a registered model of the line: `UpdateModelPackage`, with who and why in its description. */
  async decidePackage(
    line: ModelLine,
    verdict: PackageVerdict,
    word: HumanWord,
    subject: PackageSubject = {},
  ): Promise<OperatorResult> {
    const pkg = await this.findPackage(line, verdict, subject);
    if ('message' in pkg) return refused(pkg.message);
    const data = { arn: pkg.arn, version: pkg.version };
    let verdictNow = { outcome: 'act' } as PackageVerdictOutcome;
    let refusal: Error | undefined;
    const decision = await this.decider.apply(
      packageDecisionKey(line.name, pkg.arn),
      emptyPackageDecision(pkg.arn),
      UNCHECKED_ITEM,
      (claim, now) => {
        verdictNow = packageVerdict(claim, pkg, verdict);
        return verdictNow.outcome === 'act'
          ? onPackageDecision(claim, line.name, pkg, verdict, word, now)
          : nothing('');
      },
      { model: line.name, arn: pkg.arn },
      {
        onPermanent: (claim, _action, error, now) => {
          refusal = error;
          return onDecisionRefused(claim, line.name, pkg, `${error.name}: ${error.message}`, now);
        },
      },
    );
    // Refused for good: nothing was decided and the claim is free again. A passing failure is thrown as it is, its
    // request left in the outbox for a repeat of the command.
    if (refusal) throw refusal;
    if (decision.state)
      return { outcome: 'done', message: `${pkg.group}/${pkg.version} ${verdict.toLowerCase()}`, data };
    const said = verdictNow;
    if (said.outcome === 'act') return refused(`${pkg.group}/${pkg.version}: ${decision.log.message}`, data);
    return { outcome: said.outcome, message: said.message, data };
  }

  private async findPackage(
    line: ModelLine,
    verdict: PackageVerdict,
    subject: PackageSubject,
  ): Promise<PackageView | { message: string }> {
    const group = line.modelPackageGroup;
    if ('arn' in subject) {
      const pkg = await this.deps.registry.modelPackageByArn(subject.arn);
      if (!pkg) return { message: `model package ${subject.arn} does not exist` };
      const ours = pkg.group.toLowerCase() === group.toLowerCase();
      return ours ? pkg : { message: `model package ${subject.arn} is not in ${group}, the group of ${line.name}` };
    }
    const pkg = await this.deps.registry.modelPackage(group, subject.version);
    if (pkg) return pkg;
    return {
      message:
        subject.version === undefined
          ? `nothing to ${verdict === 'Approved' ? 'approve' : 'reject'}: ${group} has no registered model`
          : `${group} has no version ${subject.version}`,
    };
  }

  /**
   * Promotes now or aborts (weight 0, then the baseline's config) the deployment on the line's endpoint.
   * `deploymentId`: act only if that deployment is still the one in progress (an approval link names one).
   */
  async decideDeployment(
    line: ModelLine,
    choice: HumanChoice,
    word: HumanWord,
    deploymentId?: string,
  ): Promise<OperatorResult> {
    if (!isDeployedLine(line)) return refused(`nothing to ${choice}: ${line.name} has no deployment configured`);
    const endpoint = line.deployment.endpointName;
    const decision = await this.deps.deployments.decide(line, choice, word.who, word.why, deploymentId);
    const active = decision.state?.active;
    const data = { endpoint, ...(active ? { deploymentId: active.id, status: active.status } : {}) };
    if (decision.state) return { outcome: 'done', message: `${endpoint}: ${decision.log.message}`, data };
    // Nothing was done: say why, as the state stands now (another word may have come first).
    const { state } = await this.deps.store.get(
      deploymentKey(endpoint),
      emptyDeploymentState(endpoint),
      DEPLOYMENT_ITEM,
    );
    const verdict = humanVerdict(state, choice, deploymentId);
    if (verdict.outcome === 'act') return refused(`${endpoint}: ${decision.log.message}`, { endpoint });
    return { outcome: verdict.outcome, message: verdict.message, data: { endpoint, deploymentId: state.active?.id } };
  }
}
