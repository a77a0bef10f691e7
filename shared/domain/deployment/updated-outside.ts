// Shifting and draining change weights alone: SageMaker rolling such a change back leaves the config as it was
// (weights-undone.ts); baking or held, Shepherd asked for no change at all. So an endpoint in service on another
// config was updated by someone else (the console, another tool) over the deployment. Its candidate may not serve at
// all: a step is not baked, judged nor promoted on it, and Shepherd does not put its own config back over a human's,
// nor the baseline's (a drain's next request).
import { failureAftermath } from './failed';
import { finish } from './finish';
import { heaviestFirst, servingLine } from './serving';
import type { DeployedLine } from './line';
import type { EndpointObservation } from './observation';
import type { DeploymentDecision } from './decision';
import type { DeploymentState, DeploymentStatus } from './state';

/** What the deployment was doing, by the statuses in which the endpoint stays on the deployment's own config. */
const DOING: Partial<Record<DeploymentStatus, (weight: number) => string>> = {
  shifting: (weight) => `shifting to ${weight} %`,
  draining: () => 'being drained to 0 %',
  baking: (weight) => `baking at ${weight} %`,
  held: (weight) => `held at ${weight} % for a human`,
};

/**
 * The active deployment shifting, draining, baking or held, its endpoint in service on a config neither its own
 * (`expectConfig`) nor, draining, the baseline's it goes back to next: the deployment ends failed, critical, the
 * endpoint left as it is. A candidate being drained was judged bad, and is rejected as a rollback that failed rejects
 * it (failed.ts).
 */
export function updatedOutside(
  state: DeploymentState,
  line: DeployedLine,
  observed: EndpointObservation,
  now: Date,
): DeploymentDecision | undefined {
  const active = state.active!;
  const doing = DOING[active.status];
  if (!doing || observed.status !== 'InService' || observed.configName === active.expectConfig) return;
  const baselineConfig = active.baseline?.config;
  if (active.status === 'draining' && observed.configName === baselineConfig) return;
  const endpointName = line.deployment.endpointName;
  const config = observed.configName ?? 'no config';
  const candidate = active.candidate.variant;
  const reason = `${endpointName} was updated outside Shepherd: it serves ${config}, not ${active.expectConfig}`;
  const after = failureAftermath(active, line, reason, false);
  const weights = observed.weights ?? {};
  const neither = baselineConfig ? `${active.expectConfig} nor ${baselineConfig}` : active.expectConfig;
  return finish(state, line, 'failed', reason, now, 'critical', [], {
    ...after,
    facts: {
      Serving: Object.keys(weights).length ? servingLine(config, heaviestFirst(weights), weights) : config,
      ...after.facts,
      Attention: `Shepherd put back neither ${neither} on ${endpointName}: check that ${config} should serve there`,
    },
    headline:
      `${endpointName} serves ${config}, which Shepherd did not ask for: it was updated outside Shepherd while ` +
      `${candidate} was ${doing(active.weight)}. Shepherd leaves it as it is.`,
  });
}
