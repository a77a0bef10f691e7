import type { Action } from '../actions';
import { nothing, record } from '../decisions';
import type { AlarmState } from './judge-types';
import { rollBack, withActive } from './exits';
import { failureAftermath, promotionUndone } from './failed';
import { weightChangeUndone } from './weights-undone';
import { updatedOutside } from './updated-outside';
import { onDrained } from './restored';
import { finish } from './finish';
import { configName } from '../names';
import type { DeployedLine } from './line';
import type { EndpointObservation } from './observation';
import type { DeploymentDecision } from './decision';
import type { DeploymentState } from './state';
import { startBake } from './bake';

// Statuses in which Shepherd waits for an endpoint operation it started.
const WAITING = new Set(['creating', 'starting', 'replacing', 'shifting', 'promoting', 'draining', 'rolling_back']);

/**
 * The endpoint's status (from its event or a look-up): advance, or notice that SageMaker did not do as asked.
 * `alarms`: the line's abort alarms, which decide whether a queued approval may start once this one ends.
 */
export function onEndpointObserved(
  state: DeploymentState,
  line: DeployedLine,
  observed: EndpointObservation,
  now: Date,
  alarms: AlarmState[] = [],
): DeploymentDecision {
  const active = state.active;
  // In service on a config of someone else's, whatever Shepherd waits for or not (updated-outside.ts).
  const outside = active ? updatedOutside(state, line, observed, now) : undefined;
  if (outside) return outside;
  const endpointName = line.deployment.endpointName;
  // Deleted under the deployment (by hand, by a stack), whatever it was doing: baking and held too, when Shepherd waits
  // for nothing of the endpoint. Nothing is left to judge, roll forward or back. A deletion cannot be stopped, and its
  // event may be the last the endpoint sends: Deleting is as final.
  if (active && (observed.status === 'Deleted' || observed.status === 'Deleting')) {
    const reason = `endpoint ${endpointName} was deleted during the deployment`;
    return finish(state, line, 'failed', reason, now, 'critical', [], failureAftermath(active, line, reason, false));
  }
  if (!active || !WAITING.has(active.status)) {
    return nothing('endpoint change needs no action', { status: observed.status, deployment: active?.status });
  }
  const at = now.toISOString();
  if (observed.status === 'Failed' || observed.status === 'UpdateRollbackFailed') {
    const reason = `endpoint ${endpointName} is ${observed.status}: ${observed.failureReason ?? 'no reason given'}`;
    return finish(state, line, 'failed', reason, now, 'critical', [], failureAftermath(active, line, reason, false));
  }
  if (observed.status !== 'InService') {
    return {
      ...nothing('endpoint operation in progress', { status: observed.status }),
      state: withActive(state, { ...active, lastHeardAt: at }),
    };
  }
  // Shifting and draining change weights alone: SageMaker rolling such a change back leaves their config. A shift
  // undone is caught by the candidate's weight (weights-undone.ts); a drain undone, by the baseline's config next.
  if (observed.configName !== active.expectConfig && active.status !== 'shifting' && active.status !== 'draining') {
    // SageMaker rolls a failed update back without saying so: the endpoint serves its previous config (any other is
    // someone else's, updated-outside.ts).
    const why = observed.failureReason ? ` (${observed.failureReason})` : '';
    const serves = `it serves ${observed.configName ?? 'nothing'}, not ${active.expectConfig}${why}`;
    const reason = `SageMaker rolled the endpoint back: ${serves}`;
    const after = failureAftermath(active, line, reason, true);
    // A promotion leaves from the canary config: rolled back to it, the candidate serves there still.
    const canary = configName(endpointName, active.id, 'canary');
    const undone =
      active.status === 'promoting' && observed.configName === canary
        ? promotionUndone(active, line, after, canary, observed.weights)
        : after;
    return finish(state, line, 'failed', reason, now, 'critical', [], undone);
  }
  const weightsUndone = weightChangeUndone(state, line, observed, now);
  if (weightsUndone) return weightsUndone;
  switch (active.status) {
    case 'creating':
    case 'promoting': {
      const reason =
        active.status === 'creating'
          ? 'first model of the endpoint'
          : `passed ${active.judgements.length} judgement(s)`;
      return finish(state, line, 'promoted', reason, now, undefined, alarms);
    }
    case 'starting':
    case 'shifting': {
      // An abort alarm went off while the endpoint was updating: now that weights can change, the candidate leaves.
      if (active.abortRequested) return rollBack(state, line, active.abortRequested, now);
      const serves = `${active.candidate.variant} serves ${active.weight} % of ${endpointName}`;
      const { baked, text, data } = startBake(active, line, observed, now);
      return {
        state: withActive(state, baked),
        actions: [
          record(line.name, at, `weight-${active.id}-${active.step}`, 'CanaryStepApplied', `${serves}; ${text}`, data),
        ],
        metrics: [],
        log: { message: 'canary step applied', data: { endpoint: endpointName, weight: active.weight, ...data } },
      };
    }
    case 'replacing': {
      if (active.abortRequested) return rollBack(state, line, active.abortRequested, now);
      const { bakeMinutes } = line.deployment;
      const [baseline, candidate] = [active.baseline!.variant, active.candidate.variant];
      const { baked, text, data } = startBake(active, line, observed, now);
      const applied =
        `${candidate} serves all of ${endpointName} in place of ${baseline}; ${text}; judged against ` +
        `${baseline}'s last ${bakeMinutes} min before the switch`;
      return {
        state: withActive(state, baked),
        actions: [record(line.name, at, `replaced-${active.id}`, 'ModelReplaced', applied, data)],
        metrics: [],
        log: { message: 'model replaced', data: { endpoint: endpointName, baseline, candidate, ...data } },
      };
    }
    case 'draining':
      return onDrained(state, line, observed, now, alarms);
    default:
      return finish(state, line, 'rolled_back', active.reason ?? 'rolled back', now, undefined, alarms);
  }
}

/**
 * Whether an endpoint request from the outbox still serves the active deployment. A request performed late
 * (after a throttled or crashed attempt) must not undo what happened since, e.g. put back a canary config
 * after the promotion.
 */
export function stillWanted(state: DeploymentState, action: Action): boolean {
  const active = state.active;
  if (action.type === 'updateEndpoint' || action.type === 'createEndpoint')
    return active?.expectConfig === action.configName;
  if (action.type === 'updateWeights') {
    const candidate = action.request.DesiredWeightsAndCapacities.find(
      (w) => w.VariantName === active?.candidate.variant,
    );
    return (
      !!active &&
      (active.status === 'shifting' || active.status === 'draining') &&
      candidate?.DesiredWeight === active.weight
    );
  }
  return true;
}
