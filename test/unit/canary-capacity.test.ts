// The candidate's instances follow what the baseline serves now (its autoscaling may have raised it since the config
// was written), never fewer than the config's share, never more than the baseline's autoscaling maximum allows.
import type { Action } from '../../shared/domain/actions';
import { onApproved } from '../../shared/domain/deployment/approvals';
import { onHumanDecision } from '../../shared/domain/deployment/human';
import { onJudged } from '../../shared/domain/deployment/judged';
import { onEndpointObserved } from '../../shared/domain/deployment/progress';
import { emptyDeploymentState, type DeploymentState } from '../../shared/domain/deployment/state';
import { churnLine, pkg, servingV1, STACK, verdicts, canaryBakingAt } from '../helpers/deployment';
import { ofType } from '../helpers/actions';

const line = churnLine(); // instanceCount 2, canarySteps 10/25/50/100
const t = (minutes: number) => new Date(Date.parse('2026-11-27T02:00:00Z') + minutes * 60_000);
const serving = (instanceCount: number) => ({ ...servingV1, serving: { ...servingV1.serving, instanceCount } });
const candidateWeights = (actions: Action[]) =>
  ofType(actions, 'updateWeights')[0]!.request.DesiredWeightsAndCapacities.find((d) => d.VariantName === 'v2');
const promotedCount = (actions: Action[]) =>
  ofType(actions, 'createEndpointConfig')[0]!.request.ProductionVariants[0]!.InitialInstanceCount;

/** A canary of v2 beside v1 (serving `instances` when it started), baking at `weight` after passed steps. */
function bakingAt(weight: number, instances = 2): DeploymentState {
  return canaryBakingAt(line, weight, serving(instances));
}

describe('canary capacity: sized from what the baseline serves now', () => {
  it('starts the candidate on its share of the baseline’s autoscaled fleet, not of the config’s count', () => {
    // Act: the config says 2 instances, the baseline autoscaled to 20
    const d = onApproved(emptyDeploymentState('churn-prod'), line, pkg(2), serving(20), t(0));

    // Assess: 10 % of 20
    const variants = ofType(d.actions, 'createEndpointConfig')[0]!.request.ProductionVariants;
    expect(variants.map((v) => [v.VariantName, v.InitialVariantWeight, v.InitialInstanceCount])).toEqual([
      ['v1', 90, 20],
      ['v2', 10, 2],
    ]);
  });

  it('sizes the next step from the instances the baseline serves when the step passed', () => {
    // Prepare: the baseline served 2 at the start and has scaled to 12 since
    const s = bakingAt(10);

    // Act
    const d = onJudged(s, line, verdicts.pass(), t(23), STACK, undefined, 12);

    // Assess: 25 % of 12
    expect(candidateWeights(d.actions)).toEqual({ VariantName: 'v2', DesiredWeight: 25, DesiredInstanceCount: 3 });
  });

  it('promotes the candidate to no fewer instances than the baseline serves at the promotion', () => {
    // Prepare
    const s = bakingAt(50);

    // Act
    const d = onJudged(s, line, verdicts.pass(), t(60), STACK, null, 6);

    // Assess
    expect(promotedCount(d.actions)).toBe(6);
  });

  it('promotes by a human to no fewer instances than the baseline serves', () => {
    // Prepare
    const s = bakingAt(25);

    // Act
    const d = onHumanDecision(s, line, 'promote', 'ana', 'urgent fix', t(40), null, undefined, 5);

    // Assess
    expect(promotedCount(d.actions)).toBe(5);
  });

  it('keeps the config’s count when the baseline has scaled in below it', () => {
    // Prepare
    const s = bakingAt(50);

    // Act
    const d = onJudged(s, line, verdicts.pass(), t(60), STACK, null, 1);

    // Assess
    expect(promotedCount(d.actions)).toBe(2);
  });

  it('holds the candidate within the baseline’s autoscaling maximum', () => {
    // Prepare: the maximum was lowered to 4 while the baseline still serves 9
    const s = bakingAt(10);
    const scaling = { minCapacity: 1, maxCapacity: 4, policies: [] };

    // Act
    const step = onJudged(s, line, verdicts.pass(), t(23), STACK, scaling, 9);
    const promotion = onJudged(bakingAt(50), line, verdicts.pass(), t(60), STACK, scaling, 9);

    // Assess: 25 % of 4, and 4
    expect(candidateWeights(step.actions)?.DesiredInstanceCount).toBe(1);
    expect(promotedCount(promotion.actions)).toBe(4);
  });

  it('takes the candidate out by a human’s abort without shrinking the baseline to its config’s count', () => {
    // Prepare: the baseline's config says 2 instances; its autoscaling has raised it since, which no abort reads
    const s = bakingAt(25);

    // Act: the weight to 0, then the baseline's config once the drain is in service
    const aborted = onHumanDecision(s, line, 'abort', 'ana', 'pager', t(40));
    const drained = { status: 'InService', configName: s.active!.config, weights: { v1: 100, v2: 0 } };
    const d = onEndpointObserved(aborted.state!, line, drained, t(42));

    // Assess: the drain sends the baseline its weight alone; the update keeps the instances the baseline runs
    const baseline = ofType(aborted.actions, 'updateWeights')[0]!.request.DesiredWeightsAndCapacities[0];
    expect(baseline).toEqual({ VariantName: 'v1', DesiredWeight: 100 });
    expect(ofType(d.actions, 'updateEndpoint')).toEqual([
      {
        type: 'updateEndpoint',
        endpointName: 'churn-prod',
        configName: servingV1.configName,
        keepInstances: true,
        fromConfig: s.active!.config,
      },
    ]);
  });
});
