import type { ModelLine } from '../../config/schema';
import type { Action, Decision } from '../actions';
import { remember } from '../retraining/state';
import { alert } from '../retraining/notify';
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

/** An approved package of the line's group: deploy it now, or queue it behind the deployment in progress. */
export function onApproved(state: DeploymentState, line: Line, pkg: ApprovedPackage, endpoint: EndpointSnapshot, now: Date): D {
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
  const busy = state.active || (endpoint.exists && endpoint.status !== 'InService');
  if (!busy) return startDeployment({ ...state, recent: remember(state.recent, pkg.arn) }, line, pkg, endpoint, now);
  const superseded = state.queued;
  const actions: Action[] = [recordAction(line.name, at, `queued-${pkg.arn}`, 'ApprovalQueued', `${pkg.arn} waits: ${state.active ? `deployment ${state.active.id} is in progress` : `endpoint is ${endpoint.status}`}`)];
  if (superseded) {
    actions.push(
      recordAction(line.name, at, `superseded-${superseded.arn}`, 'ApprovalSuperseded', `${superseded.arn} will not be deployed: ${pkg.arn} was approved after it`),
      { type: 'notify', notification: alert(line.name, 'info', 'approval superseded', `${superseded.arn} was approved but a newer model was approved before it could be deployed.`, { Superseded: superseded.arn, 'Deployed next': pkg.arn }) },
    );
  }
  return { state: { ...state, queued: pkg, recent: remember(state.recent, pkg.arn) }, actions, metrics: ['ApprovalsQueued'], log: { message: 'approval queued', data: { arn: pkg.arn, superseded: superseded?.arn } } };
}

/** Creates the endpoint with the candidate alone, or puts the candidate beside the baseline at the first canary weight. */
export function startDeployment(state: DeploymentState, line: Line, pkg: ApprovedPackage, endpoint: EndpointSnapshot, now: Date): D {
  const d = line.deployment;
  const at = now.toISOString();
  const id = deploymentId(d.endpointName, pkg.arn);
  const baseline = endpoint.exists && endpoint.serving && endpoint.configName ? { ...endpoint.serving, config: endpoint.configName } : undefined;
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
    state: { ...state, active: deployment, queued: state.queued?.arn === pkg.arn ? undefined : state.queued, created: { models: [...state.created.models, candidate.model], configs: [...state.created.configs, config] } },
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
