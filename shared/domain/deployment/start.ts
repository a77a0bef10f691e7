import type { Action } from '../actions';
import { record } from '../decisions';
import { alert } from '../notify';
import { stepsNotCarried } from './carried-scaling';
import { waitForAlarms, waitForOneVariant } from './held-back';
import type { AlarmState } from './judge-types';
import type { DeployedLine, EndpointSnapshot } from './line';
import { deploymentId, endpointConfigRequest, modelRequest } from './requests';
import type { DeploymentDecision } from './decision';
import type { ApprovedPackage, Deployment, DeploymentState, VariantSpec } from './state';
import { entryOf } from './strategy';

/**
 * Step scaling cannot follow a promotion (carried-scaling.ts): a canary's start says so, while there is time to
 * prepare for it, and the promotion report says it again.
 */
function stepScalingWarning(line: DeployedLine, baseline: VariantSpec, candidate: string, started: string): Action[] {
  const notCarried = baseline.scaling ? stepsNotCarried(baseline.scaling, baseline.variant, candidate) : [];
  if (!notCarried.length) return [];
  const endpoint = line.deployment.endpointName;
  const title = `canary on ${endpoint}: ${baseline.variant} step scaling will not follow a promotion`;
  const headline =
    `${started}. If it is promoted, ${candidate} gets ${baseline.variant}'s target tracking but not its step ` +
    'scaling: re-create that on the candidate by hand then, or move it to target tracking now.';
  return [
    {
      type: 'notify',
      notification: alert(line.name, 'warning', title, headline, { Autoscaling: notCarried.join('; ') }),
    },
  ];
}

/**
 * Creates the endpoint with the candidate alone, puts the candidate beside the baseline at the first canary weight,
 * or (a serverless variant) in its place — unless the endpoint serves several variants or one of the line's abort
 * alarms is in ALARM: then the approval waits in the queue (held-back.ts).
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
  // Several variants serve (a failed deployment's canary config): the weights cannot say which one is production.
  if (baseline && Object.keys(endpoint.weights ?? {}).length > 1)
    return waitForOneVariant(state, line, pkg, endpoint, now);
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
  const warned = kind === 'canary' && baseline ? stepScalingWarning(line, baseline, candidate.variant, started) : [];
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
      waitingForOneVariant: undefined,
      created: {
        ...state.created,
        models: [...state.created.models, candidate.model],
        configs: [...state.created.configs, config],
      },
    },
    actions: [
      { type: 'createModel', request: modelRequest(line.name, settings, pkg) },
      {
        type: 'createEndpointConfig',
        request: endpointConfigRequest(config, line.name, settings, pkg, variants, line.monitoring?.capture),
      },
      ...unscale,
      baseline
        ? { type: 'updateEndpoint', endpointName, configName: config, fromConfig: baseline.config }
        : { type: 'createEndpoint', endpointName, configName: config },
      record(line.name, at, `deployment-${id}`, 'DeploymentStarted', started, detail),
      { type: 'publishEvent', detailType: 'Deployment Started', detail },
      ...warned,
    ],
    metrics: ['DeploymentsStarted'],
    log: { message: 'deployment started', data: detail },
  };
}
