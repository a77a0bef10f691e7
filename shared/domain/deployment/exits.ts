// The two ways a canary leaves its bake: rolled back (the candidate's weight to 0 first) or promoted (the candidate
// alone, in a config of its own). A replacement has neither weights nor a config left to make: see replace.ts.
import type { Action } from '../actions';
import { keep, revert } from './replace';
import { configName } from '../names';
import { endpointConfigRequest, fleetSize, weightsRequest } from './requests';
import type { DeployedLine } from './line';
import type { DeploymentDecision } from './decision';
import type { Deployment, DeploymentState, VariantScaling } from './state';

export const withActive = (state: DeploymentState, active: Deployment): DeploymentState => ({ ...state, active });

/** Candidate weight to 0 at once; the baseline-alone config follows once that took effect. */
export const rollBack = (
  state: DeploymentState,
  line: DeployedLine,
  reason: string,
  now: Date,
  extra: Action[] = [],
): DeploymentDecision => {
  const active = state.active!;
  if (active.kind === 'replace') return revert(state, line, reason, now, extra);
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

/**
 * The baseline as observed just now (undefined: not looked at): autoscaling may have been added to it, changed, or
 * have raised its instances since the canary started.
 */
export const withBaselineNow = (active: Deployment, scaling?: VariantScaling | null, instances?: number): Deployment =>
  active.baseline
    ? {
        ...active,
        baseline: {
          ...active.baseline,
          ...(scaling === undefined ? {} : { scaling: scaling ?? undefined }),
          ...(instances === undefined ? {} : { instanceCount: instances }),
        },
      }
    : active;

/**
 * To the candidate alone at full capacity, no fewer instances than the baseline serves now (`baselineInstances`):
 * a config of its own, so autoscaled or retained properties reset cleanly.
 */
export const promote = (
  state: DeploymentState,
  line: DeployedLine,
  now: Date,
  extra: Action[] = [],
  scaling?: VariantScaling | null,
  baselineInstances?: number,
): DeploymentDecision => {
  if (state.active!.kind === 'replace') {
    const reason = `promoted after ${state.active!.judgements.length} judgement(s)`;
    return keep(state, line, reason, now, extra);
  }
  const active = withBaselineNow(state.active!, scaling, baselineInstances);
  const settings = line.deployment;
  const config = configName(settings.endpointName, active.id, 'final');
  const instanceCount = active.candidate.serverless ? 0 : fleetSize(settings, active.baseline);
  const candidate = { ...active.candidate, instanceCount };
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
  const request = endpointConfigRequest(
    config,
    line.name,
    settings,
    active.package,
    [{ spec: candidate, weight: 100 }],
    line.monitoring?.capture,
  );
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
      // From the canary config, which a bake and a hold stay on.
      { type: 'updateEndpoint', endpointName: settings.endpointName, configName: config, fromConfig: active.config },
      ...extra,
    ],
    metrics: [],
    log: { message: 'promoting', data: { config } },
  };
};
