import type { Action } from '../actions';
import { alert } from '../retraining/notify';
import type { AlarmState, Judgement } from './judge';
import { judgementTable } from './judge-format';
import { configName, endpointConfigRequest, weightsRequest } from './requests';
import { finish } from './finish';
import { nothing, recordAction, type D, type Line } from './start';
import type { Deployment, DeploymentState, VariantScaling } from './state';

export interface EndpointObservation {
  status: string;
  configName?: string;
  failureReason?: string;
}

const MINUTE = 60_000;
const bake = (d: Deployment, line: Line, at: Date): Deployment => ({
  ...d,
  status: 'baking',
  bakeStartedAt: at.toISOString(),
  nextActionAt: new Date(at.getTime() + line.deployment.bakeMinutes * MINUTE).toISOString(),
  bakeExtensions: 0,
  lastHeardAt: at.toISOString(),
});
const withActive = (state: DeploymentState, active: Deployment): DeploymentState => ({ ...state, active });

// Statuses in which Shepherd waits for an endpoint operation it started.
const WAITING = new Set(['creating', 'starting', 'shifting', 'promoting', 'draining', 'rolling_back']);

/**
 * The endpoint's status (from its event or a look-up): advance, or notice that SageMaker did not do as asked.
 * `alarms`: the line's abort alarms, which decide whether a queued approval may start once this one ends.
 */
export function onEndpointObserved(
  state: DeploymentState,
  line: Line,
  o: EndpointObservation,
  now: Date,
  alarms: AlarmState[] = [],
): D {
  const a = state.active;
  if (!a || !WAITING.has(a.status)) return nothing('endpoint change needs no action', { status: o.status, deployment: a?.status });
  const at = now.toISOString();
  if (o.status === 'Failed' || o.status === 'UpdateRollbackFailed') {
    return finish(state, line, 'failed', `endpoint ${line.deployment.endpointName} is ${o.status}: ${o.failureReason ?? 'no reason given'}`, now, 'critical');
  }
  if (o.status !== 'InService') return { state: withActive(state, { ...a, lastHeardAt: at }), actions: [], metrics: [], log: { message: 'endpoint operation in progress', data: { status: o.status } } };
  if (o.configName !== a.expectConfig && a.status !== 'shifting' && a.status !== 'draining') {
    // SageMaker rolls a failed update back without saying so: the endpoint serves its previous config.
    return finish(state, line, 'failed', `SageMaker rolled the endpoint back: it serves ${o.configName ?? 'nothing'}, not ${a.expectConfig}${o.failureReason ? ` (${o.failureReason})` : ''}`, now, 'critical');
  }
  switch (a.status) {
    case 'creating':
    case 'promoting':
      return finish(state, line, 'promoted', a.status === 'creating' ? 'first model of the endpoint' : `passed ${a.judgements.length} judgement(s)`, now, undefined, alarms);
    case 'starting':
    case 'shifting':
      // An abort alarm went off while the endpoint was updating: now that weights can change, the candidate leaves.
      if (a.abortRequested) return rollBack(state, line, a.abortRequested, now);
      return {
        state: withActive(state, bake(a, line, now)),
        actions: [recordAction(line.name, at, `weight-${a.id}-${a.step}`, 'CanaryStepApplied', `${a.candidate.variant} serves ${a.weight} % of ${line.deployment.endpointName}; baking ${line.deployment.bakeMinutes} min`)],
        metrics: [],
        log: { message: 'canary step applied', data: { endpoint: line.deployment.endpointName, weight: a.weight } },
      };
    case 'draining':
      return {
        state: withActive(state, { ...a, status: 'rolling_back', expectConfig: a.baseline!.config, lastHeardAt: at }),
        actions: [{ type: 'updateEndpoint', endpointName: line.deployment.endpointName, configName: a.baseline!.config }],
        metrics: [],
        log: { message: 'candidate drained; restoring the baseline config', data: { config: a.baseline!.config } },
      };
    default:
      return finish(state, line, 'rolled_back', a.reason ?? 'rolled back', now, undefined, alarms);
  }
}

/** Candidate weight to 0 at once; the baseline-alone config follows once that took effect. */
export const rollBack = (state: DeploymentState, line: Line, reason: string, now: Date, extra: Action[] = []): D => {
  const a = state.active!;
  return {
    state: withActive(state, { ...a, status: 'draining', weight: 0, reason, lastHeardAt: now.toISOString(), nextActionAt: undefined }),
    actions: [{ type: 'updateWeights', request: weightsRequest(line.deployment.endpointName, a.baseline!, a.candidate, line.deployment, 0) }, ...extra],
    metrics: [],
    log: { message: 'rolling back', data: { reason } },
  };
};

/** To the candidate alone at full capacity: a config of its own, so autoscaled or retained properties reset cleanly. */
export const promote = (state: DeploymentState, line: Line, now: Date, extra: Action[] = [], scaling?: VariantScaling | null): D => {
  // Autoscaling may have been added to the baseline during the canary: what is registered now decides.
  const a = scaling === undefined ? state.active! : { ...state.active!, baseline: { ...state.active!.baseline!, scaling: scaling ?? undefined } };
  const d = line.deployment;
  const config = configName(d.endpointName, a.id, 'final');
  const candidate = { ...a.candidate, instanceCount: a.candidate.serverless ? 0 : d.instanceCount };
  return {
    state: { ...withActive(state, { ...a, status: 'promoting', weight: 100, candidate, expectConfig: config, config, lastHeardAt: now.toISOString(), nextActionAt: undefined }), created: { ...state.created, configs: [...state.created.configs, config] } },
    actions: [
      { type: 'createEndpointConfig', request: endpointConfigRequest(config, line.name, d, a.package, [{ spec: candidate, weight: 100 }]) },
      // SageMaker refuses to remove a variant that autoscaling targets: deregister first, re-register on the candidate after.
      ...(a.baseline?.scaling ? [{ type: 'deregisterScaling' as const, endpointName: d.endpointName, variant: a.baseline.variant }] : []),
      { type: 'updateEndpoint', endpointName: d.endpointName, configName: config },
      ...extra,
    ],
    metrics: [],
    log: { message: 'promoting', data: { config } },
  };
};

/** A look at the bake: a failure rolls back at once; at the bake's end the verdict moves on, bakes longer or rolls back. */
export function onJudged(state: DeploymentState, line: Line, j: Judgement, now: Date, scaling?: VariantScaling | null): D {
  const a = state.active;
  if (!a || a.status !== 'baking') return nothing('no canary baking');
  if (j.outcome === 'continue') return nothing('no harm shown yet: the bake goes on', { look: j.evidence.tests?.look });
  const d = line.deployment;
  const at = now.toISOString();
  const table = judgementTable(j);
  const judged = { ...a, evidence: table, judgements: [...a.judgements, { at, step: a.step, weight: a.weight, outcome: j.outcome, reasons: j.reasons }] };
  const s = withActive(state, judged);
  const evidence = recordAction(line.name, at, `judged-${a.id}-${a.step}-${a.judgements.length}`, 'CanaryJudged', `${j.outcome} at ${a.weight} %: ${j.reasons.join('; ')}`, { evidence: j.evidence, table });
  if (j.outcome === 'fail') return rollBack(s, line, `the judge failed the candidate at ${a.weight} %: ${j.reasons.join('; ')}`, now, [evidence]);
  if (j.outcome === 'inconclusive') {
    if (a.bakeExtensions < d.maxBakeExtensions) {
      const next = new Date(now.getTime() + d.bakeMinutes * MINUTE).toISOString();
      return { state: withActive(s, { ...judged, bakeExtensions: a.bakeExtensions + 1, nextActionAt: next }), actions: [evidence], metrics: [], log: { message: 'inconclusive: baking longer', data: { until: next } } };
    }
    if (d.onInconclusive === 'rollback') return rollBack(s, line, `still inconclusive after ${a.bakeExtensions} extension(s): ${j.reasons.join('; ')}`, now, [evidence]);
    return {
      state: withActive(s, { ...judged, status: 'held', nextActionAt: undefined, reason: 'inconclusive' }),
      actions: [evidence, { type: 'notify', notification: alert(line.name, 'warning', `canary on ${d.endpointName} held: a human decides`, `The canary of ${a.package.arn} stayed inconclusive; it is held at ${a.weight} %. Abort or promote it.`, { Why: j.reasons.join('; '), Evidence: `\n${judgementTable(j)}` }) }],
      metrics: [],
      log: { message: 'canary held for a human' },
    };
  }
  const passed: Action[] = [evidence, { type: 'publishEvent', detailType: 'Canary Step Passed', detail: { model: line.name, endpoint: d.endpointName, deploymentId: a.id, modelPackageArn: a.package.arn, weight: a.weight, step: a.step } }];
  const next = d.canarySteps[a.step + 1];
  if (next === undefined || next >= 100) return { ...promote(s, line, now, passed, scaling), metrics: ['CanaryStepsPassed'] };
  return {
    state: withActive(s, { ...judged, status: 'shifting', step: a.step + 1, weight: next, nextActionAt: undefined, lastHeardAt: at }),
    actions: [...passed, { type: 'updateWeights', request: weightsRequest(d.endpointName, a.baseline!, a.candidate, d, next) }],
    metrics: ['CanaryStepsPassed'],
    log: { message: 'canary step passed', data: { from: a.weight, to: next } },
  };
}

/** A human's word: abort or promote now, recorded with who and why. */
export function onHumanDecision(state: DeploymentState, line: Line, decision: 'abort' | 'promote', who: string, why: string, now: Date, scaling?: VariantScaling | null): D {
  const a = state.active;
  if (!a || (a.status !== 'baking' && a.status !== 'held') || a.kind !== 'canary') return nothing(`cannot ${decision}: no canary baking or held`, { status: a?.status });
  const note = recordAction(line.name, now.toISOString(), `human-${a.id}-${decision}-${now.toISOString()}`, decision === 'abort' ? 'DeploymentAborted' : 'DeploymentPromotedByHuman', `${who} chose to ${decision}: ${why}`, { who, why });
  return decision === 'abort' ? rollBack(state, line, `aborted by ${who}: ${why}`, now, [note]) : promote(state, line, now, [note], scaling);
}

/**
 * Whether an endpoint request from the outbox still serves the active deployment. A request performed late
 * (after a throttled or crashed attempt) must not undo what happened since, e.g. put back a canary config
 * after the promotion.
 */
export function stillWanted(state: DeploymentState, action: Action): boolean {
  const a = state.active;
  if (action.type === 'updateEndpoint' || action.type === 'createEndpoint') return a?.expectConfig === action.configName;
  if (action.type === 'updateWeights') {
    const candidate = action.request.DesiredWeightsAndCapacities.find((w) => w.VariantName === a?.candidate.variant);
    return !!a && (a.status === 'shifting' || a.status === 'draining') && candidate?.DesiredWeight === a.weight;
  }
  return true;
}
