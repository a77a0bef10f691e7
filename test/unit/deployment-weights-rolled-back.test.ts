// A weight change SageMaker could not make passes RollingBack and returns to InService on the old weights, on the
// same config (docs/aws-sagemaker.md): the step asked for is not what serves, and must not be baked as if it were.
import type { Action } from '../../shared/domain/actions';
import { onJudged } from '../../shared/domain/deployment/judged';
import { onEndpointObserved } from '../../shared/domain/deployment/progress';
import { onApproved } from '../../shared/domain/deployment/approvals';
import { emptyDeploymentState, type DeploymentState } from '../../shared/domain/deployment/state';
import { churnLine, pkg, servingV1, verdicts, STACK } from '../helpers/deployment';
import { ofType } from '../helpers/actions';

const line = churnLine();
const t = (minutes: number) => new Date(Date.parse('2026-11-27T02:00:00Z') + minutes * 60_000);
const notifications = (actions: Action[]) => ofType(actions, 'notify').map((a) => a.notification);

/** v2 passed its 10 % step; the weights are being shifted to 25 %. */
function shiftingTo25(): DeploymentState {
  const started = onApproved(emptyDeploymentState('churn-prod'), line, pkg(2), servingV1, t(0)).state!;
  const config = started.active!.expectConfig;
  const baking = onEndpointObserved(started, line, { status: 'InService', configName: config }, t(8)).state!;
  return onJudged(baking, line, verdicts.pass(), t(30), STACK).state!;
}

/** v2 failed its 10 % step; its weight is being drained to 0. */
function drainingFrom10(): DeploymentState {
  const started = onApproved(emptyDeploymentState('churn-prod'), line, pkg(2), servingV1, t(0)).state!;
  const config = started.active!.expectConfig;
  const baking = onEndpointObserved(started, line, { status: 'InService', configName: config }, t(8)).state!;
  return onJudged(baking, line, verdicts.fail(), t(12), STACK).state!;
}

describe('a weight change SageMaker rolled back', () => {
  it('ends the deployment failed, saying the candidate still serves its old share, instead of baking', () => {
    // Prepare
    const shifting = shiftingTo25();
    const config = shifting.active!.config;

    // Act
    const d = onEndpointObserved(
      shifting,
      line,
      { status: 'InService', configName: config, weights: { v1: 90, v2: 10 }, failureReason: 'capacity' },
      t(40),
    );

    // Assess
    expect(d.state?.active).toBeUndefined();
    expect(d.state?.history.at(-1)).toMatchObject({
      outcome: 'failed',
      reason: 'SageMaker rolled the weight change back: v2 serves at 10 %, not 25 % (capacity)',
    });
    const [alert] = notifications(d.actions);
    expect(alert!.severity).toBe('critical');
    expect(alert!.message).toMatch(
      /still serves 10 % of churn-prod beside v1: SageMaker rolled the weight change back/,
    );
    expect(alert!.message).toContain(`Serving        ${config}: v2 at 10 %, v1 at 90 %`);
  });

  it('bakes the step when the endpoint serves the weights asked for', () => {
    // Prepare
    const shifting = shiftingTo25();

    // Act
    const d = onEndpointObserved(
      shifting,
      line,
      { status: 'InService', configName: shifting.active!.config, weights: { v1: 75, v2: 25 } },
      t(40),
    );

    // Assess
    expect(d.state?.active).toMatchObject({ status: 'baking', weight: 25 });
  });

  it('goes on to the baseline’s config after a drain to 0 it rolled back: the candidate leaves with its config', () => {
    // Prepare
    const draining = drainingFrom10();
    const config = draining.active!.config;

    // Act
    const d = onEndpointObserved(
      draining,
      line,
      { status: 'InService', configName: config, weights: { v1: 90, v2: 10 }, failureReason: 'capacity' },
      t(14),
    );

    // Assess
    expect(draining.active).toMatchObject({ status: 'draining', weight: 0, expectConfig: config });
    expect(d.actions).toEqual([
      {
        type: 'updateEndpoint',
        endpointName: 'churn-prod',
        configName: servingV1.configName,
        keepInstances: true,
        fromConfig: config,
      },
    ]);
    expect(d.state?.active).toMatchObject({ status: 'rolling_back', expectConfig: servingV1.configName });
  });
});
