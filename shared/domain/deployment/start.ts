import type { ModelLine } from '../../config/schema';
import type { Action, Decision } from '../actions';
import { remember } from '../retraining/state';
import { alert } from '../retraining/notify';
import type { AlarmState } from './judge';
import { candidateSpec, canaryInstances, configName, deploymentId, endpointConfigRequest, modelRequest } from './requests';
import type { ApprovedPackage, Deployment, DeploymentState, VariantSpec } from './state';

export type D = Decision<DeploymentState>;
export type Line = ModelLine & { deployment: NonNullable<ModelLine['deployment']> };

/** What DescribeEndpoint (and its config) says before a deployment starts. */
export interface EndpointSnapshot {
  exists: boolean;
  status?: string;
  configName?: string;
  /** The variant that serves today (the heaviest, when several do). */
  serving?: VariantSpec;
}

export const recordAction = (model: string, at: string, id: string, type: string, message: string, data?: Record<string, unknown>): Action => ({
  type: 'record',
  entry: { model, at, id, type, message, ...(data ? { data } : {}) },
});

/** Later approval first; at the same second, the higher version (registered later) first. */
const newerFirst = (a: ApprovedPackage, b: ApprovedPackage): number => b.at.localeCompare(a.at) || (a.group === b.group ? b.version - a.version : 0);

export const nothing = (message: string, data?: Record<string, unknown>): D => ({ actions: [], metrics: [], log: { message, ...(data ? { data } : {}) } });

/**
 * An approved package of the line's group: deploy it now, or queue it behind the deployment in progress.
 * `alarms`: the line's abort alarms as read now (a canary does not start while one is in ALARM).
 */
export function onApproved(
  state: DeploymentState,
  line: Line,
  pkg: ApprovedPackage,
  endpoint: EndpointSnapshot,
  now: Date,
  alarms: AlarmState[] = [],
): D {
  if (state.recent.includes(pkg.arn) || state.active?.package.arn === pkg.arn) return nothing('approval already handled', { arn: pkg.arn });
  const at = now.toISOString();
  // Approvals race (two within a second arrive in any order): an approval older than the one deployed or
  // queued is superseded on arrival, so an older model never follows a newer one onto the endpoint.
  const newest = [state.active?.package, state.queued].filter((p): p is ApprovedPackage => !!p).sort(newerFirst)[0];
  if (newest && newerFirst(pkg, newest) > 0) {
    return {
      state: { ...state, recent: remember(state.recent, pkg.arn) },
      actions: [
        recordAction(line.name, at, `superseded-${pkg.arn}`, 'ApprovalSuperseded', `${pkg.arn} will not be deployed: ${newest.arn} was approved after it`),
        { type: 'notify', notification: alert(line.name, 'info', 'approval superseded', `${pkg.arn} was approved, but ${newest.arn} was approved after it and is deployed instead.`, { Superseded: pkg.arn, Deployed: newest.arn }) },
      ],
      metrics: [],
      log: { message: 'approval superseded on arrival', data: { arn: pkg.arn, newest: newest.arn } },
    };
  }
  // An approval already queued (e.g. held back by abort alarms) is superseded here, not left to start after this.
  const busy = state.active || state.queued || (endpoint.exists && endpoint.status !== 'InService');
  const recent = remember(state.recent, pkg.arn);
  if (!busy) return startDeployment({ ...state, recent }, line, pkg, endpoint, now, alarms);
  const superseded = state.queued;
  const why = state.active
    ? `deployment ${state.active.id} is in progress`
    : state.queued
      ? 'an approval already waits to start'
      : `endpoint is ${endpoint.status}`;
  const actions: Action[] = [
    recordAction(line.name, at, `queued-${pkg.arn}`, 'ApprovalQueued', `${pkg.arn} waits: ${why}`),
  ];
  if (superseded) {
    actions.push(
      recordAction(line.name, at, `superseded-${superseded.arn}`, 'ApprovalSuperseded', `${superseded.arn} will not be deployed: ${pkg.arn} was approved after it`),
      { type: 'notify', notification: alert(line.name, 'info', 'approval superseded', `${superseded.arn} was approved but a newer model was approved before it could be deployed.`, { Superseded: superseded.arn, 'Deployed next': pkg.arn }) },
    );
  }
  return { state: { ...state, queued: pkg, recent: remember(state.recent, pkg.arn) }, actions, metrics: ['ApprovalsQueued'], log: { message: 'approval queued', data: { arn: pkg.arn, superseded: superseded?.arn } } };
}

/**
 * Creates the endpoint with the candidate alone, or puts the candidate beside the baseline at the first canary
 * weight — unless one of the line's abort alarms is in ALARM: then the approval waits in the queue.
 */
export function startDeployment(
  state: DeploymentState,
  line: Line,
  pkg: ApprovedPackage,
  endpoint: EndpointSnapshot,
  now: Date,
  alarms: AlarmState[] = [],
): D {
  const d = line.deployment;
  const at = now.toISOString();
  const id = deploymentId(d.endpointName, pkg.arn);
  const baseline = endpoint.exists && endpoint.serving && endpoint.configName ? { ...endpoint.serving, config: endpoint.configName } : undefined;
  // The first model of a new endpoint has nothing to protect and no alarm to be judged by.
  const raised = baseline ? alarms.filter((a) => a.state === 'ALARM').map((a) => a.name) : [];
  if (raised.length) return waitForAlarms(state, line, pkg, raised, now);
  const weight = baseline ? d.canarySteps[0]! : 100;
  const candidate = candidateSpec(line.name, d, pkg, baseline ? canaryInstances(d, weight) : d.instanceCount);
  const config = configName(d.endpointName, id, baseline ? 'canary' : 'final');
  const variants = baseline ? [{ spec: baseline, weight: 100 - weight }, { spec: candidate, weight }] : [{ spec: candidate, weight: 100 }];
  const deployment: Deployment = {
    id,
    model: line.name,
    package: pkg,
    kind: baseline ? 'canary' : 'create',
    status: baseline ? 'starting' : 'creating',
    ...(baseline ? { baseline } : {}),
    candidate,
    step: 0,
    weight,
    expectConfig: config,
    config,
    bakeExtensions: 0,
    lastHeardAt: at,
    startedAt: at,
    judgements: [],
  };
  const detail = { model: line.name, endpoint: d.endpointName, deploymentId: id, modelPackageArn: pkg.arn, kind: deployment.kind, baselineVariant: baseline?.variant, candidateVariant: candidate.variant, weight };
  return {
    state: {
      ...state,
      active: deployment,
      queued: state.queued?.arn === pkg.arn ? undefined : state.queued,
      waitingForAlarms: undefined,
      created: { models: [...state.created.models, candidate.model], configs: [...state.created.configs, config] },
    },
    actions: [
      { type: 'createModel', request: modelRequest(line.name, d, pkg) },
      { type: 'createEndpointConfig', request: endpointConfigRequest(config, line.name, d, pkg, variants) },
      baseline ? { type: 'updateEndpoint', endpointName: d.endpointName, configName: config } : { type: 'createEndpoint', endpointName: d.endpointName, configName: config },
      recordAction(line.name, at, `deployment-${id}`, 'DeploymentStarted', baseline ? `Canary of ${pkg.arn} at ${weight} % beside ${baseline.variant} on ${d.endpointName}` : `Creating ${d.endpointName} with ${pkg.arn}`, detail),
      { type: 'publishEvent', detailType: 'Deployment Started', detail },
    ],
    metrics: ['DeploymentsStarted'],
    log: { message: 'deployment started', data: detail },
  };
}

/**
 * An abort alarm already in ALARM says nothing about a candidate that does not serve yet, and starting would fail
 * it at once: the approval stays queued until none is (the reconciler looks every minute). Said once per package.
 */
function waitForAlarms(state: DeploymentState, line: Line, pkg: ApprovedPackage, alarms: string[], now: Date): D {
  const queued = state.queued?.arn === pkg.arn;
  if (queued && state.waitingForAlarms?.arn === pkg.arn) {
    return nothing('queued approval still waits for abort alarms', { arn: pkg.arn, alarms });
  }
  const at = now.toISOString();
  const endpoint = line.deployment.endpointName;
  const message = `${pkg.arn} waits to start on ${endpoint}: abort alarm(s) in ALARM: ${alarms.join(', ')}`;
  const headline =
    `${pkg.arn} is approved but does not start while an abort alarm of ${endpoint} is in ALARM: ` +
    'it would fail at once. It starts once none is.';
  return {
    state: { ...state, queued: pkg, waitingForAlarms: { arn: pkg.arn, alarms, since: at } },
    actions: [
      recordAction(line.name, at, `waiting-${pkg.arn}`, 'DeploymentWaitsForAlarms', message, { alarms }),
      {
        type: 'notify',
        notification: alert(line.name, 'warning', `deployment to ${endpoint} waits for abort alarms`, headline, {
          Alarms: alarms.join(', '),
          Endpoint: endpoint,
        }),
      },
    ],
    metrics: queued ? [] : ['ApprovalsQueued'],
    log: { message: 'deployment waits for abort alarms', data: { arn: pkg.arn, alarms } },
  };
}
