// A weight change SageMaker could not make passes RollingBack and returns to InService on the old weights, on the
// same config (docs/aws-sagemaker.md): the config check cannot see it, the candidate's weight can.
import { failureAftermath, promotionUndone } from './failed';
import { finish } from './finish';
import type { DeployedLine } from './line';
import type { EndpointObservation } from './observation';
import type { DeploymentDecision } from './decision';
import type { DeploymentState } from './state';

/**
 * A shifting canary's endpoint back in service with the candidate at another weight than asked: the step did not
 * take, so it is not baked. The deployment ends failed as when the change is refused outright (failure.ts), the
 * candidate at the share it kept, said as the endpoint reports it.
 */
export function weightChangeUndone(
  state: DeploymentState,
  line: DeployedLine,
  observed: EndpointObservation,
  now: Date,
): DeploymentDecision | undefined {
  const active = state.active!;
  const weightNow = observed.weights?.[active.candidate.variant];
  // SageMaker keeps weights as floats: a step of 33.333 may come back a few millionths off, and is the same step.
  const same = weightNow !== undefined && Math.abs(weightNow - active.weight) < 1e-3;
  if (active.status !== 'shifting' || weightNow === undefined || same) return;
  const why = observed.failureReason ? ` (${observed.failureReason})` : '';
  const serves = `${active.candidate.variant} serves at ${weightNow} %, not ${active.weight} %${why}`;
  const reason = `SageMaker rolled the weight change back: ${serves}`;
  const after = failureAftermath(active, line, reason, true);
  const config = observed.configName ?? active.config;
  const undone = promotionUndone(active, line, after, config, observed.weights, 'the weight change back on');
  return finish(state, line, 'failed', reason, now, 'critical', [], undone);
}
