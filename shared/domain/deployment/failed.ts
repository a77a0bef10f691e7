// What a deployment that ends failed still owes besides the endpoint, which Shepherd leaves as it is: the baseline's
// autoscaling that Shepherd deregistered on the way (for a promotion, or a replacement's switch) comes back when the
// baseline is known to serve, and the alert says what became of it; a candidate that was being rolled back is
// rejected in the registry whatever became of the rollback.
import type { Action } from '../actions';
import { asApprovalDescription } from '../registry/approval-description';
import { stepsWithoutAlarms } from './carried-scaling';
import { servingLine, sharesOf } from './serving';
import type { DeployedLine } from './line';
import type { Deployment } from './state';

/** Requests a failure adds after its alert, lines the alert adds, and its headline when finish()'s would not do. */
export interface Aftermath {
  actions: Action[];
  facts: Record<string, string>;
  headline?: string;
}

export const NO_AFTERMATH: Aftermath = { actions: [], facts: {} };

/** A promotion's and a switch's requests made before the baseline's scaling is deregistered (see exits, start). */
const BEFORE_DEREGISTER = new Set<Action['type']>(['createModel', 'createEndpointConfig', 'deregisterScaling']);

/** Statuses whose UpdateEndpoint would have removed the baseline: if it did not take, the baseline serves still. */
const REMOVING = new Set(['promoting', 'replacing']);

/**
 * Whether Shepherd deregistered the baseline's autoscaling and has not registered it again: a promotion, just
 * before its UpdateEndpoint; a replacement, from its switch on. `refused`: the request AWS refused, if one was.
 */
function scalingRemoved(active: Deployment, refused?: Action['type']): boolean {
  if (refused && BEFORE_DEREGISTER.has(refused)) return false;
  return active.kind === 'replace' || (active.kind === 'canary' && active.status === 'promoting');
}

/**
 * `failure`: why the deployment failed. `unchanged`: the endpoint serves what it served before the deployment's last
 * UpdateEndpoint (the request was refused, or SageMaker rolled it back); false when its state is unknown (failed,
 * deleted). `refused`: the request AWS refused, if one was.
 */
export function failureAftermath(
  active: Deployment,
  line: DeployedLine,
  failure: string,
  unchanged: boolean,
  refused?: Action['type'],
): Aftermath {
  const scaling = scalingAftermath(active, line, unchanged, refused);
  const rejected = rejectionAftermath(active, line, failure);
  // A rollback asked for as the candidate started, which never began: no alert but this one says why it was asked.
  const asked: Record<string, string> = active.abortRequested ? { 'Rollback asked for': active.abortRequested } : {};
  return {
    actions: [...rejected.actions, ...scaling.actions],
    facts: { ...asked, ...rejected.facts, ...scaling.facts },
    ...(rejected.headline ? { headline: rejected.headline } : {}),
  };
}

/**
 * Draining or rolling back, the candidate was already judged bad (or an abort alarm or a human took it out), which
 * a rollback that fails does not change: it is rejected as a completed rollback rejects it, so it is neither
 * redeployed nor taken as production by the next quality gate. The endpoint is left to a human.
 */
function rejectionAftermath(active: Deployment, line: DeployedLine, failure: string): Aftermath {
  if (active.status !== 'draining' && active.status !== 'rolling_back') return NO_AFTERMATH;
  const endpointName = line.deployment.endpointName;
  const why = active.reason ?? 'rolled back';
  const reason = `rolling back from ${endpointName}: ${why}; restoring the baseline then failed (${failure})`;
  const config = active.baseline!.config;
  return {
    actions: [{ type: 'rejectModelPackage', arn: active.package.arn, reason: asApprovalDescription(reason) }],
    facts: {
      Package: `rejected in the registry (${why}): it is not deployed again`,
      Attention: `${endpointName} was not restored to ${config}: see what it serves, and restore ${config} by hand`,
    },
    headline:
      `${active.package.arn} is rejected, but restoring the baseline on ${endpointName} failed: the endpoint needs ` +
      `attention (${active.candidate.variant} may still take traffic).`,
  };
}

/** The words for a candidate whose promotion did not take: it keeps its share beside the baseline on `config`. */
export function candidateStays(
  active: Deployment,
  line: DeployedLine,
  config: string,
  weights: Record<string, number> = {},
): { serves: string; facts: { Serving: string; Attention: string } } {
  const endpointName = line.deployment.endpointName;
  const [baseline, candidate] = [active.baseline!.variant, active.candidate.variant];
  const share = sharesOf([candidate, baseline], weights)?.[candidate];
  const part = share === undefined ? 'part' : `${share} %`;
  return {
    serves: `${active.package.arn} still serves ${part} of ${endpointName} beside ${baseline}`,
    facts: {
      Serving: servingLine(config, [candidate, baseline], weights),
      Attention: `${candidate} keeps its share of ${endpointName} until its weight is changed by hand`,
    },
  };
}

/**
 * A promotion SageMaker rolled back leaves the endpoint on the canary config the promotion left, and a weight change
 * it rolled back leaves the weights as they were: either way the candidate still takes its share beside the
 * baseline. `weights`: each variant's weight as the endpoint reports it; `undone`: what SageMaker rolled back.
 */
export function promotionUndone(
  active: Deployment,
  line: DeployedLine,
  after: Aftermath,
  config: string,
  weights: Record<string, number> = {},
  undone = 'its promotion back to',
): Aftermath {
  const { serves, facts } = candidateStays(active, line, config, weights);
  return {
    ...after,
    facts: { Serving: facts.Serving, ...after.facts, Attention: facts.Attention },
    headline: `${serves}: SageMaker rolled ${undone} ${config}.`,
  };
}

function scalingAftermath(
  active: Deployment,
  line: DeployedLine,
  unchanged: boolean,
  refused?: Action['type'],
): Aftermath {
  const scaling = active.baseline?.scaling;
  if (!scaling || !scalingRemoved(active, refused)) return NO_AFTERMATH;
  const endpointName = line.deployment.endpointName;
  const variant = active.baseline!.variant;
  const policies = scaling.policies.map((p) => p.PolicyName).join(', ') || 'no policy';
  const what = `${variant}'s (${scaling.minCapacity} to ${scaling.maxCapacity} instances; ${policies})`;
  const why = active.kind === 'replace' ? 'the switch' : 'the promotion';
  // Promoting or replacing, the update that would have removed the baseline did not take: it serves still.
  // Target tracking comes back whole (AWS makes its alarms again); a step policy comes back with no alarm naming it,
  // idle and harmless, and is put all the same: with its steps kept, re-pointing its owner's alarms is all left.
  if (unchanged && REMOVING.has(active.status)) {
    const restored = [`restored: ${what}, deregistered for ${why}, is registered again`];
    return {
      actions: [{ type: 'registerScaling', endpointName, variant, scaling }],
      facts: { Autoscaling: [...restored, ...stepsWithoutAlarms(scaling, variant)].join('; ') },
    };
  }
  return {
    actions: [],
    facts: {
      Autoscaling:
        `removed: ${what} was deregistered for ${why} and is not registered now; ` +
        `register it again once ${variant} serves`,
    },
  };
}
