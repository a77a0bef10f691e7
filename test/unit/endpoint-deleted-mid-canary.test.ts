// An endpoint deleted by hand (the console, a stack) while its canary bakes or is held for a human: nothing is left to
// judge, promote or roll back, and the deployment must end at once instead of baking on minutes that never come.
import { onJudged } from '../../shared/domain/deployment/judged';
import { onEndpointObserved } from '../../shared/domain/deployment/progress';
import type { DeploymentState } from '../../shared/domain/deployment/state';
import { ofType, types } from '../helpers/actions';
import { bakingCanaryState, churnLine, STACK, verdicts } from '../helpers/deployment';

const churn = churnLine();
const t = (minutes: number) => new Date(Date.parse('2026-11-27T02:00:00Z') + minutes * 60_000);

/** The canary held for a human after an inconclusive bake with no extension left. */
function held(): DeploymentState {
  const line = { ...churn, deployment: { ...churn.deployment, maxBakeExtensions: 0, onInconclusive: 'hold' as const } };
  return onJudged(bakingCanaryState(line), line, verdicts.inconclusive(), t(24), STACK).state!;
}

describe('an endpoint deleted by hand during a canary', () => {
  it.each([
    ['baking', 'Deleted', () => bakingCanaryState(churn)],
    ['held', 'Deleted', held],
    ['baking', 'Deleting', () => bakingCanaryState(churn)],
    ['held', 'Deleting', held],
  ])('ends the deployment failed, critically, when its canary is %s and the endpoint %s', (status, seen, before) => {
    // Prepare
    const state = before();
    expect(state.active?.status).toBe(status);

    // Act
    const d = onEndpointObserved(state, churn, { status: seen }, t(30));

    // Assess: nothing is asked of the endpoint that is gone
    expect(d.state?.active).toBeUndefined();
    expect(d.state?.history.at(-1)).toMatchObject({
      outcome: 'failed',
      reason: 'endpoint churn-prod was deleted during the deployment',
    });
    expect(types(d.actions)).toEqual(['event:Deployment Rolled Back', 'notify']);
    expect(ofType(d.actions, 'notify')[0]!.notification.severity).toBe('critical');
  });
});
