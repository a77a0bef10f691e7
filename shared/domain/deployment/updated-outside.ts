// Shifting and draining change weights alone: SageMaker rolling such a change back leaves the config as it was
// (weights-undone.ts); baking or held, Shepherd asked for no change at all; and SageMaker rolls an UpdateEndpoint that
// failed back only to the config the endpoint served before it. So an endpoint in service on any other config was
// updated by someone else (the console, another tool) over the deployment. Its candidate may not serve at all: a step
// is not baked, judged nor promoted on it, and Shepherd does not put its own config back over a human's, nor the
// baseline's (a drain's next request).
import { failureAftermath } from './failed';
import { finish } from './finish';
import { heaviestFirst, servingLine } from './serving';
import type { DeployedLine } from './line';
import type { EndpointObservation } from './observation';
import type { DeploymentDecision } from './decision';
import { configName } from '../names';
import type { Deployment, DeploymentState, DeploymentStatus } from './state';

/** What the deployment was doing, by status. */
const DOING: Record<DeploymentStatus, (active: Deployment) => string> = {
  creating: () => 'being deployed on the new endpoint',
  starting: (a) => `starting at ${a.weight} %`,
  replacing: (a) => `replacing ${a.baseline?.variant ?? 'the baseline'}`,
  shifting: (a) => `shifting to ${a.weight} %`,
  promoting: () => 'being promoted to 100 %',
  draining: () => 'being drained to 0 %',
  rolling_back: () => 'being rolled back',
  baking: (a) => `baking at ${a.weight} %`,
  held: (a) => `held at ${a.weight} % for a human`,
};

/**
 * The config SageMaker rolls the deployment's UpdateEndpoint back to if it fails: the one the endpoint served before.
 * Undefined when no UpdateEndpoint of the deployment's is under way, or (creating) the endpoint served none.
 */
export function rolledBackTo(endpointName: string, active: Deployment): string | undefined {
  if (active.status === 'starting' || active.status === 'replacing') return active.baseline?.config;
  // Promoted from a bake or a hold, which stay on the canary config.
  if (active.status === 'promoting') return configName(endpointName, active.id, 'canary');
  // Drained (a canary) or baked (a replacement) on the deployment's own config, which a promotion alone changes.
  if (active.status === 'rolling_back') return active.config;
  return undefined;
}

/**
 * The active deployment's endpoint in service on a config neither its own (`expectConfig`) nor, draining, the
 * baseline's it goes back to next (restored.ts), nor, updating, the one SageMaker rolls back to (`rolledBackTo`): the
 * deployment ends failed, critical, the endpoint left as it is. A candidate being drained or rolled back was judged
 * bad, and is rejected as a rollback that failed rejects it (failed.ts).
 */
export function updatedOutside(
  state: DeploymentState,
  line: DeployedLine,
  observed: EndpointObservation,
  now: Date,
): DeploymentDecision | undefined {
  const active = state.active!;
  if (observed.status !== 'InService' || observed.configName === active.expectConfig) return;
  const endpointName = line.deployment.endpointName;
  const baselineConfig = active.baseline?.config;
  const mayServe = active.status === 'draining' ? baselineConfig : rolledBackTo(endpointName, active);
  if (mayServe !== undefined && observed.configName === mayServe) return;
  const config = observed.configName ?? 'no config';
  const candidate = active.candidate.variant;
  const reason = `${endpointName} was updated outside Shepherd: it serves ${config}, not ${active.expectConfig}`;
  const after = failureAftermath(active, line, reason, false);
  const weights = observed.weights ?? {};
  const other = mayServe ?? baselineConfig;
  const neither = other ? `${active.expectConfig} nor ${other}` : active.expectConfig;
  return finish(state, line, 'failed', reason, now, 'critical', [], {
    ...after,
    facts: {
      Serving: Object.keys(weights).length ? servingLine(config, heaviestFirst(weights), weights) : config,
      ...after.facts,
      Attention: `Shepherd put back neither ${neither} on ${endpointName}: check that ${config} should serve there`,
    },
    headline:
      `${endpointName} serves ${config}, which Shepherd did not ask for: it was updated outside Shepherd while ` +
      `${candidate} was ${DOING[active.status](active)}. Shepherd leaves it as it is.`,
  });
}
