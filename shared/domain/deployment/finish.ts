import type { Action, MetricName, Severity } from '../actions';
import { alert, message, subject } from '../retraining/notify';
import type { AlarmState } from './judge';
import { recordAction, startDeployment, type D, type Line } from './start';
import type { DeploymentState, Outcome, VariantSpec } from './state';

const HISTORY = 20;

/**
 * Old configs and models beyond the last `keep` go; the ones the endpoint serves never do. Deleting the
 * config an endpoint was last updated from would make its next update fail (AWS-FACTS.md), so it stays too.
 */
export function cleanup(created: DeploymentState['created'], keep: number, inUse: string[]): { created: DeploymentState['created']; actions: Action[] } {
  const old = <T extends string>(items: T[]) => items.slice(0, Math.max(0, items.length - keep)).filter((i) => !inUse.includes(i));
  const configs = old(created.configs);
  const models = old(created.models);
  return {
    created: { configs: created.configs.filter((c) => !configs.includes(c)), models: created.models.filter((m) => !models.includes(m)) },
    actions: [...configs.map((name): Action => ({ type: 'deleteEndpointConfig', name })), ...models.map((name): Action => ({ type: 'deleteModel', name }))],
  };
}

const EVENT: Record<Outcome, 'Deployment Promoted' | 'Deployment Rolled Back'> = { promoted: 'Deployment Promoted', rolled_back: 'Deployment Rolled Back', failed: 'Deployment Rolled Back' };
const METRIC: Record<Outcome, MetricName> = { promoted: 'DeploymentsPromoted', rolled_back: 'DeploymentsRolledBack', failed: 'DeploymentsFailed' };

/**
 * Ends the active deployment, says so everywhere, and starts the queued approval when the endpoint is known to be
 * serving (and none of `alarms`, the line's abort alarms, is in ALARM).
 */
export function finish(
  state: DeploymentState,
  line: Line,
  outcome: Outcome,
  reason: string,
  now: Date,
  severity: Severity = outcome === 'promoted' ? 'info' : 'warning',
  alarms: AlarmState[] = [],
): D {
  const a = state.active!;
  const d = line.deployment;
  const at = now.toISOString();
  const serving: (VariantSpec & { config: string }) | undefined =
    outcome === 'promoted' ? { ...a.candidate, config: a.config, ...(a.baseline?.scaling ? { scaling: a.baseline.scaling } : {}) } : outcome === 'rolled_back' ? a.baseline : undefined;
  const tidy = outcome === 'promoted' ? cleanup(state.created, d.keepPrevious, [a.config, a.candidate.model]) : { created: state.created, actions: [] };
  const detail = { model: line.name, endpoint: d.endpointName, deploymentId: a.id, modelPackageArn: a.package.arn, outcome, reason, judgements: a.judgements.length, servingVariant: serving?.variant };
  const judgements = a.judgements.map((j) => `${j.weight} %: ${j.outcome} (${j.reasons.join('; ')})`).join('\n') || 'none';
  const actions: Action[] = [
    recordAction(line.name, at, `finished-${a.id}`, outcome === 'promoted' ? 'DeploymentPromoted' : outcome === 'rolled_back' ? 'DeploymentRolledBack' : 'DeploymentFailed', `${a.package.arn} on ${d.endpointName}: ${outcome} (${reason})`, detail),
    { type: 'publishEvent', detailType: EVENT[outcome], detail },
    {
      type: 'notify',
      notification:
        outcome === 'promoted'
          ? { kind: 'report', severity, model: line.name, subject: subject(`[Shepherd] ${line.name}: ${d.endpointName} now serves v${a.package.version}`), message: message(`${a.package.arn} was promoted on ${d.endpointName}.`, { Reason: reason, Judgements: `\n${judgements}`, 'Last evidence': a.evidence ? `\n${a.evidence}` : undefined }) }
          : alert(line.name, severity, `deployment on ${d.endpointName} ${outcome === 'failed' ? 'failed' : 'rolled back'}`, `${a.package.arn} is not serving on ${d.endpointName}.`, { Reason: reason, Serving: serving?.variant ?? 'see the endpoint', Judgements: `\n${judgements}`, 'Last evidence': a.evidence ? `\n${a.evidence}` : undefined }),
    },
    ...(outcome === 'rolled_back' ? [{ type: 'rejectModelPackage' as const, arn: a.package.arn, reason: `rolled back from ${d.endpointName}: ${reason}`.slice(0, 1000) }] : []),
    ...(outcome === 'promoted' && a.baseline?.scaling ? [{ type: 'registerScaling' as const, endpointName: d.endpointName, variant: a.candidate.variant, scaling: a.baseline.scaling }] : []),
    ...tidy.actions,
  ];
  const ended: DeploymentState = { ...state, active: undefined, created: tidy.created, history: [...state.history, { id: a.id, modelPackageArn: a.package.arn, outcome, at, reason }].slice(-HISTORY) };
  const done: D = { state: ended, actions, metrics: [METRIC[outcome]], log: { message: `deployment ${outcome}`, data: detail } };
  if (!state.queued || !serving) return done;
  const next = startDeployment(ended, line, state.queued, { exists: true, status: 'InService', configName: serving.config, serving }, now, alarms);
  return { state: next.state ?? ended, actions: [...actions, ...next.actions], metrics: [...done.metrics, ...next.metrics], log: done.log };
}
