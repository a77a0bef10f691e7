import type { Action } from '../actions';
import { nothing, record } from '../decisions';
import { alert } from '../notify';
import type { AlarmState, Judgement } from './judge';
import { judgementTable } from './judge-format';
import { configName, endpointConfigRequest, weightsRequest } from './requests';
import { finish } from './finish';
import type { DeployedLine } from './start';
import type { Deployment, DeploymentDecision, DeploymentState, VariantScaling } from './state';

export interface EndpointObservation {
  status: string;
  configName?: string;
  failureReason?: string;
}

const MINUTE = 60_000;
const bake = (active: Deployment, line: DeployedLine, at: Date): Deployment => ({
  ...active,
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
  line: DeployedLine,
  observed: EndpointObservation,
  now: Date,
  alarms: AlarmState[] = [],
): DeploymentDecision {
  const active = state.active;
  if (!active || !WAITING.has(active.status)) {
    return nothing('endpoint change needs no action', { status: observed.status, deployment: active?.status });
  }
  const endpointName = line.deployment.endpointName;
  const at = now.toISOString();
  if (observed.status === 'Failed' || observed.status === 'UpdateRollbackFailed') {
    const reason = `endpoint ${endpointName} is ${observed.status}: ${observed.failureReason ?? 'no reason given'}`;
    return finish(state, line, 'failed', reason, now, 'critical');
  }
  if (observed.status !== 'InService') {
    return {
      ...nothing('endpoint operation in progress', { status: observed.status }),
      state: withActive(state, { ...active, lastHeardAt: at }),
    };
  }
  if (observed.configName !== active.expectConfig && active.status !== 'shifting' && active.status !== 'draining') {
    // SageMaker rolls a failed update back without saying so: the endpoint serves its previous config.
    const why = observed.failureReason ? ` (${observed.failureReason})` : '';
    const serves = `it serves ${observed.configName ?? 'nothing'}, not ${active.expectConfig}${why}`;
    const reason = `SageMaker rolled the endpoint back: ${serves}`;
    return finish(state, line, 'failed', reason, now, 'critical');
  }
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
      const applied = `${serves}; baking ${line.deployment.bakeMinutes} min`;
      return {
        state: withActive(state, bake(active, line, now)),
        actions: [record(line.name, at, `weight-${active.id}-${active.step}`, 'CanaryStepApplied', applied)],
        metrics: [],
        log: { message: 'canary step applied', data: { endpoint: endpointName, weight: active.weight } },
      };
    }
    case 'draining': {
      const config = active.baseline!.config;
      return {
        state: withActive(state, { ...active, status: 'rolling_back', expectConfig: config, lastHeardAt: at }),
        actions: [{ type: 'updateEndpoint', endpointName, configName: config }],
        metrics: [],
        log: { message: 'candidate drained; restoring the baseline config', data: { config } },
      };
    }
    default:
      return finish(state, line, 'rolled_back', active.reason ?? 'rolled back', now, undefined, alarms);
  }
}

/** Candidate weight to 0 at once; the baseline-alone config follows once that took effect. */
export const rollBack = (
  state: DeploymentState,
  line: DeployedLine,
  reason: string,
  now: Date,
  extra: Action[] = [],
): DeploymentDecision => {
  const active = state.active!;
  const settings = line.deployment;
  return {
    state: withActive(state, {
      ...active,
      status: 'draining',
      weight: 0,
      reason,
      lastHeardAt: now.toISOString(),
      nextActionAt: undefined,
    }),
    actions: [
      {
        type: 'updateWeights',
        request: weightsRequest(settings.endpointName, active.baseline!, active.candidate, settings, 0),
      },
      ...extra,
    ],
    metrics: [],
    log: { message: 'rolling back', data: { reason } },
  };
};

/** To the candidate alone at full capacity: a config of its own, so autoscaled or retained properties reset cleanly. */
export const promote = (
  state: DeploymentState,
  line: DeployedLine,
  now: Date,
  extra: Action[] = [],
  scaling?: VariantScaling | null,
): DeploymentDecision => {
  // Autoscaling may have been added to the baseline during the canary: what is registered now decides.
  const active =
    scaling === undefined
      ? state.active!
      : { ...state.active!, baseline: { ...state.active!.baseline!, scaling: scaling ?? undefined } };
  const settings = line.deployment;
  const config = configName(settings.endpointName, active.id, 'final');
  const candidate = { ...active.candidate, instanceCount: active.candidate.serverless ? 0 : settings.instanceCount };
  const promoting: Deployment = {
    ...active,
    status: 'promoting',
    weight: 100,
    candidate,
    expectConfig: config,
    config,
    lastHeardAt: now.toISOString(),
    nextActionAt: undefined,
  };
  const request = endpointConfigRequest(config, line.name, settings, active.package, [
    { spec: candidate, weight: 100 },
  ]);
  return {
    state: {
      ...withActive(state, promoting),
      created: { ...state.created, configs: [...state.created.configs, config] },
    },
    actions: [
      { type: 'createEndpointConfig', request },
      // SageMaker refuses to remove a variant that autoscaling targets: deregister first, re-register on the
      // candidate after.
      ...(active.baseline?.scaling
        ? [
            {
              type: 'deregisterScaling' as const,
              endpointName: settings.endpointName,
              variant: active.baseline.variant,
            },
          ]
        : []),
      { type: 'updateEndpoint', endpointName: settings.endpointName, configName: config },
      ...extra,
    ],
    metrics: [],
    log: { message: 'promoting', data: { config } },
  };
};

/**
 * A look at the bake: a failure rolls back at once; at the bake's end the verdict moves on, bakes longer or rolls
 * back.
 */
export function onJudged(
  state: DeploymentState,
  line: DeployedLine,
  judgement: Judgement,
  now: Date,
  scaling?: VariantScaling | null,
): DeploymentDecision {
  const active = state.active;
  if (!active || active.status !== 'baking') return nothing('no canary baking');
  if (judgement.outcome === 'continue') {
    return nothing('no harm shown yet: the bake goes on', { look: judgement.evidence.tests?.look });
  }
  const settings = line.deployment;
  const at = now.toISOString();
  const table = judgementTable(judgement);
  const reasons = judgement.reasons.join('; ');
  const judged = {
    ...active,
    evidence: table,
    judgements: [
      ...active.judgements,
      { at, step: active.step, weight: active.weight, outcome: judgement.outcome, reasons: judgement.reasons },
    ],
  };
  const judgedState = withActive(state, judged);
  const evidence = record(
    line.name,
    at,
    `judged-${active.id}-${active.step}-${active.judgements.length}`,
    'CanaryJudged',
    `${judgement.outcome} at ${active.weight} %: ${reasons}`,
    { evidence: judgement.evidence, table },
  );
  if (judgement.outcome === 'fail') {
    return rollBack(judgedState, line, `the judge failed the candidate at ${active.weight} %: ${reasons}`, now, [
      evidence,
    ]);
  }
  if (judgement.outcome === 'inconclusive') {
    if (active.bakeExtensions < settings.maxBakeExtensions) {
      const next = new Date(now.getTime() + settings.bakeMinutes * MINUTE).toISOString();
      return {
        state: withActive(judgedState, { ...judged, bakeExtensions: active.bakeExtensions + 1, nextActionAt: next }),
        actions: [evidence],
        metrics: [],
        log: { message: 'inconclusive: baking longer', data: { until: next } },
      };
    }
    if (settings.onInconclusive === 'rollback') {
      const reason = `still inconclusive after ${active.bakeExtensions} extension(s): ${reasons}`;
      return rollBack(judgedState, line, reason, now, [evidence]);
    }
    const held =
      `The canary of ${active.package.arn} stayed inconclusive; it is held at ${active.weight} %. ` +
      'Abort or promote it.';
    const title = `canary on ${settings.endpointName} held: a human decides`;
    const facts = { Why: reasons, Evidence: `\n${judgementTable(judgement)}` };
    return {
      state: withActive(judgedState, { ...judged, status: 'held', nextActionAt: undefined, reason: 'inconclusive' }),
      actions: [evidence, { type: 'notify', notification: alert(line.name, 'warning', title, held, facts) }],
      metrics: [],
      log: { message: 'canary held for a human' },
    };
  }
  const passed: Action[] = [
    evidence,
    {
      type: 'publishEvent',
      detailType: 'Canary Step Passed',
      detail: {
        model: line.name,
        endpoint: settings.endpointName,
        deploymentId: active.id,
        modelPackageArn: active.package.arn,
        weight: active.weight,
        step: active.step,
      },
    },
  ];
  const next = settings.canarySteps[active.step + 1];
  if (next === undefined || next >= 100) {
    return { ...promote(judgedState, line, now, passed, scaling), metrics: ['CanaryStepsPassed'] };
  }
  const shifting = {
    ...judged,
    status: 'shifting' as const,
    step: active.step + 1,
    weight: next,
    nextActionAt: undefined,
    lastHeardAt: at,
  };
  return {
    state: withActive(judgedState, shifting),
    actions: [
      ...passed,
      {
        type: 'updateWeights',
        request: weightsRequest(settings.endpointName, active.baseline!, active.candidate, settings, next),
      },
    ],
    metrics: ['CanaryStepsPassed'],
    log: { message: 'canary step passed', data: { from: active.weight, to: next } },
  };
}

/** A human's word: abort or promote now, recorded with who and why. */
export function onHumanDecision(
  state: DeploymentState,
  line: DeployedLine,
  decision: 'abort' | 'promote',
  who: string,
  why: string,
  now: Date,
  scaling?: VariantScaling | null,
): DeploymentDecision {
  const active = state.active;
  if (!active || (active.status !== 'baking' && active.status !== 'held') || active.kind !== 'canary') {
    return nothing(`cannot ${decision}: no canary baking or held`, { status: active?.status });
  }
  const at = now.toISOString();
  const type = decision === 'abort' ? 'DeploymentAborted' : 'DeploymentPromotedByHuman';
  const note = record(
    line.name,
    at,
    `human-${active.id}-${decision}-${at}`,
    type,
    `${who} chose to ${decision}: ${why}`,
    {
      who,
      why,
    },
  );
  return decision === 'abort'
    ? rollBack(state, line, `aborted by ${who}: ${why}`, now, [note])
    : promote(state, line, now, [note], scaling);
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
