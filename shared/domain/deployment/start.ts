import type { ModelLine } from '../../config/schema';
import type { Action } from '../actions';
import { nothing, record } from '../decisions';
import { alert } from '../notify';
import type { AlarmState } from './judge-types';
import { deploymentId, endpointConfigRequest, modelRequest } from './requests';
import type { ApprovedPackage, Deployment, DeploymentDecision, DeploymentState, VariantSpec } from './state';
import { entryOf } from './strategy';

/** A model line that has a deployment: its approved models are rolled out to its endpoint. */
export type DeployedLine = ModelLine & { deployment: NonNullable<ModelLine['deployment']> };

export const isDeployedLine = (line: ModelLine): line is DeployedLine => line.deployment !== undefined;

/** What DescribeEndpoint (and its config) says before a deployment starts. */
export interface EndpointSnapshot {
  exists: boolean;
  status?: string;
  configName?: string;
  /** The variant that serves today (the heaviest, when several do). */
  serving?: VariantSpec;
  /** Each variant's current weight (its share: weight / sum of weights). */
  weights?: Record<string, number>;
  /** When the endpoint last changed (LastModifiedTime), ISO. */
  lastModified?: string;
}

/**
 * Creates the endpoint with the candidate alone, puts the candidate beside the baseline at the first canary weight,
 * or (a serverless variant) in its place — unless one of the line's abort alarms is in ALARM: then the approval
 * waits in the queue.
 */
export function startDeployment(
  state: DeploymentState,
  line: DeployedLine,
  pkg: ApprovedPackage,
  endpoint: EndpointSnapshot,
  now: Date,
  alarms: AlarmState[] = [],
): DeploymentDecision {
  const settings = line.deployment;
  const endpointName = settings.endpointName;
  const at = now.toISOString();
  const id = deploymentId(endpointName, pkg.arn);
  const baseline =
    endpoint.exists && endpoint.serving && endpoint.configName
      ? { ...endpoint.serving, config: endpoint.configName }
      : undefined;
  // The first model of a new endpoint has nothing to protect and no alarm to be judged by.
  const raised = baseline ? alarms.filter((alarm) => alarm.state === 'ALARM').map((alarm) => alarm.name) : [];
  if (raised.length) return waitForAlarms(state, line, pkg, raised, now);
  const { kind, status, weight, candidate, config, variants } = entryOf(line.name, settings, pkg, id, baseline);
  const deployment: Deployment = {
    id,
    model: line.name,
    package: pkg,
    kind,
    status,
    ...(baseline ? { baseline } : {}),
    candidate,
    step: 0,
    weight,
    expectConfig: config,
    config,
    bakeExtensions: 0,
    lastHeardAt: at,
    startedAt: at,
    requestedAt: at,
    judgements: [],
  };
  const detail = {
    model: line.name,
    endpoint: endpointName,
    deploymentId: id,
    modelPackageArn: pkg.arn,
    kind: deployment.kind,
    baselineVariant: baseline?.variant,
    candidateVariant: candidate.variant,
    weight,
  };
  const started = !baseline
    ? `Creating ${endpointName} with ${pkg.arn}`
    : kind === 'replace'
      ? `Replacing ${baseline.variant} with ${pkg.arn} on ${endpointName} at once (serverless: no canary)`
      : `Canary of ${pkg.arn} at ${weight} % beside ${baseline.variant} on ${endpointName}`;
  // SageMaker refuses an update that removes a variant autoscaling targets; a replacement removes the baseline now.
  const unscale: Action[] =
    kind === 'replace' && baseline?.scaling
      ? [{ type: 'deregisterScaling', endpointName, variant: baseline.variant }]
      : [];
  return {
    state: {
      ...state,
      active: deployment,
      queued: state.queued?.arn === pkg.arn ? undefined : state.queued,
      waitingForAlarms: undefined,
      created: { models: [...state.created.models, candidate.model], configs: [...state.created.configs, config] },
    },
    actions: [
      { type: 'createModel', request: modelRequest(line.name, settings, pkg) },
      {
        type: 'createEndpointConfig',
        request: endpointConfigRequest(config, line.name, settings, pkg, variants, line.monitoring?.capture),
      },
      ...unscale,
      baseline
        ? { type: 'updateEndpoint', endpointName, configName: config }
        : { type: 'createEndpoint', endpointName, configName: config },
      record(line.name, at, `deployment-${id}`, 'DeploymentStarted', started, detail),
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
function waitForAlarms(
  state: DeploymentState,
  line: DeployedLine,
  pkg: ApprovedPackage,
  alarms: string[],
  now: Date,
): DeploymentDecision {
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
      record(line.name, at, `waiting-${pkg.arn}`, 'DeploymentWaitsForAlarms', message, { alarms }),
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
