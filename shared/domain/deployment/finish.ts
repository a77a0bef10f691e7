import type { Action, Severity } from '../actions';
import { record, type MetricName } from '../decisions';
import type { AlarmState } from './judge-types';
import { asApprovalDescription } from '../registry/approval-description';
import { carriedScaling, stepsWithoutAlarms } from './carried-scaling';
import { tidied } from './cleanup';
import { ending } from './ending';
import { NO_AFTERMATH, type Aftermath } from './failed';
import type { DeployedLine } from './line';
import { startDeployment } from './start';
import type { DeploymentDecision } from './decision';
import type { DeploymentState, Outcome, VariantScaling, VariantSpec } from './state';

const HISTORY = 20;

const METRIC: Record<Outcome, MetricName> = {
  promoted: 'DeploymentsPromoted',
  rolled_back: 'DeploymentsRolledBack',
  failed: 'DeploymentsFailed',
};
const ENTRY: Record<Outcome, string> = {
  promoted: 'DeploymentPromoted',
  rolled_back: 'DeploymentRolledBack',
  failed: 'DeploymentFailed',
};

/**
 * Ends the active deployment, says so everywhere, and starts the queued approval when the endpoint is known to be
 * serving (and none of `alarms`, the line's abort alarms, is in ALARM). `after`: what a failure still owes
 * (failed.ts), said in its alert and requested after it.
 */
export function finish(
  state: DeploymentState,
  line: DeployedLine,
  outcome: Outcome,
  reason: string,
  now: Date,
  severity: Severity = outcome === 'promoted' ? 'info' : 'warning',
  alarms: AlarmState[] = [],
  after: Aftermath = NO_AFTERMATH,
): DeploymentDecision {
  const active = state.active!;
  const settings = line.deployment;
  const endpointName = settings.endpointName;
  const at = now.toISOString();
  // The baseline's scaling follows a promoted canary. A replacement carries none: a serverless variant scales only
  // its provisioned concurrency, not the instance count; an instance baseline's scaling, deregistered for the switch,
  // comes back with it on a rollback.
  const replaced = active.kind === 'replace';
  const scaling = active.baseline?.scaling;
  // What cannot be carried (step scaling: carried-scaling.ts) is said in the report, raised to a warning.
  const carried =
    outcome === 'promoted' && scaling && !replaced
      ? carriedScaling(scaling, active.baseline!.variant, active.candidate.variant)
      : undefined;
  // A replacement's rollback puts the baseline's scaling back: its step policies without their alarms (failed.ts).
  const restored = outcome === 'rolled_back' && scaling && replaced;
  const lost = carried?.left ?? (restored ? stepsWithoutAlarms(scaling, active.baseline!.variant) : []);
  const left = lost.length ? lost : undefined;
  const told = left ? { ...after, facts: { ...after.facts, Autoscaling: left.join('; ') } } : after;
  const level = left && severity === 'info' ? 'warning' : severity;
  const register = (variant: string, s: VariantScaling): Action => ({
    type: 'registerScaling',
    endpointName,
    variant,
    scaling: s,
  });
  const serving: (VariantSpec & { config: string }) | undefined =
    outcome === 'promoted'
      ? { ...active.candidate, config: active.config, ...(carried ? { scaling: carried.scaling } : {}) }
      : outcome === 'rolled_back'
        ? active.baseline
        : undefined;
  const tidy = tidied(state, settings.keepPrevious, outcome, serving);
  const detail = {
    model: line.name,
    endpoint: endpointName,
    deploymentId: active.id,
    modelPackageArn: active.package.arn,
    outcome,
    reason,
    judgements: active.judgements.length,
    servingVariant: serving?.variant,
  };
  const text = `${active.package.arn} on ${endpointName}: ${outcome} (${reason})`;
  const rejected = asApprovalDescription(`rolled back from ${endpointName}: ${reason}`);
  const actions: Action[] = [
    record(line.name, at, `finished-${active.id}`, ENTRY[outcome], text, detail),
    outcome === 'promoted'
      ? { type: 'publishEvent', detailType: 'Deployment Promoted', detail: { ...detail, outcome } }
      : { type: 'publishEvent', detailType: 'Deployment Rolled Back', detail: { ...detail, outcome } },
    { type: 'notify', notification: ending(line, active, outcome, reason, level, serving, told) },
    ...(outcome === 'rolled_back'
      ? [{ type: 'rejectModelPackage' as const, arn: active.package.arn, reason: rejected }]
      : []),
    ...(carried ? [register(active.candidate.variant, carried.scaling)] : []),
    ...(restored ? [register(active.baseline!.variant, scaling)] : []),
    ...after.actions,
    ...tidy.actions,
  ];
  const past = { id: active.id, modelPackageArn: active.package.arn, outcome, at, reason };
  const ended: DeploymentState = {
    ...state,
    active: undefined,
    created: tidy.created,
    history: [...state.history, past].slice(-HISTORY),
    ...(outcome === 'promoted' ? { lastPromoted: { ...past, approvedAt: active.package.at } } : {}),
  };
  const done: DeploymentDecision = {
    state: ended,
    actions,
    metrics: [METRIC[outcome]],
    log: { message: `deployment ${outcome}`, data: detail },
  };
  if (!state.queued || !serving) return done;
  const snapshot = { exists: true, status: 'InService', configName: serving.config, serving };
  const next = startDeployment(ended, line, state.queued, snapshot, now, alarms);
  return {
    state: next.state ?? ended,
    actions: [...actions, ...next.actions],
    metrics: [...done.metrics, ...next.metrics],
    log: done.log,
  };
}
