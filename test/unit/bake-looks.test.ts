// The looks a bake really takes, against the looks its budget plans. The watcher looks once a minute, on the minute;
// a step's window starts at the minute its weights took effect in, which is partial, and the bake ends in the middle
// of a minute that is complete only at the next look: its final look holds bakeMinutes + 1 minutes.
import { onJudged } from '../../shared/domain/deployment/judged';
import { lookAtCanary } from '../../shared/domain/deployment/look';
import { onEndpointObserved } from '../../shared/domain/deployment/progress';
import { lookPlan } from '../../shared/domain/deployment/rollout-budget';
import { BAKE_SHARE, levelAt, spent } from '../../shared/domain/deployment/sequential';
import { startDeployment } from '../../shared/domain/deployment/start';
import { emptyDeploymentState } from '../../shared/domain/deployment/state';
import type { DeployedLine } from '../../shared/domain/deployment/line';
import {
  lookSpan,
  MINUTE_MS,
  rolloutBudget,
  type MinuteMetrics,
  type VariantMinutes,
} from '../../shared/domain/deployment/window';
import { churnLine, pkg, servingV1, STACK, verdicts } from '../helpers/deployment';
import { crossingRate } from '../helpers/random-walks';

const t = (minutes: number) => new Date(Date.parse('2026-11-27T02:00:00Z') + minutes * MINUTE_MS);
const churn = churnLine();
// Held for a human when still inconclusive, so that the last extension ends the bake.
const withExtensions = (maxBakeExtensions: number): DeployedLine => ({
  ...churn,
  deployment: { ...churn.deployment, maxBakeExtensions, onInconclusive: 'hold' },
});

/** Both variants' healthy minutes from 02:00 on, `count` of them. */
function traffic(count: number): [VariantMinutes, VariantMinutes] {
  const side = (variant: string, of: MinuteMetrics): VariantMinutes => ({
    variant,
    minutes: new Map(Array.from({ length: count }, (_, i) => [t(i).getTime(), of])),
  });
  return [side('v1', { requests: 900, errors: 9, latencyUs: 40_000 }), side('v2', { requests: 100, errors: 1 })];
}

/**
 * The indices of the final looks of the first step's bake and extensions: the candidate's weight took effect at
 * 02:00:30, the watcher looks 5 seconds past each minute, and every final look stays inconclusive.
 */
function finalLooks(line: DeployedLine): number[] {
  const starting = startDeployment(emptyDeploymentState('churn-prod'), line, pkg(2), servingV1, t(0)).state!;
  const inService = { status: 'InService', configName: starting.active!.expectConfig };
  let s = onEndpointObserved(starting, line, inService, t(0.5)).state!;
  const finals: number[] = [];
  for (let minute = 1; s.active?.status === 'baking' && minute <= 120; minute++) {
    const now = new Date(t(minute).getTime() + 5_000);
    const span = lookSpan(new Date(s.active.bakeStartedAt!), now);
    const minutes = traffic((span.end.getTime() - span.start.getTime()) / MINUTE_MS);
    const look = lookAtCanary(s.active, line, minutes, [], now);
    if (!look.evidence.tests?.final) continue;
    finals.push(look.evidence.tests.look);
    s = onJudged(s, line, verdicts.inconclusive(), now, STACK).state!;
  }
  return finals;
}

describe('the looks of a bake, against the looks its budget plans', () => {
  it('spends the bake’s share at its final look, half the extensions’ at the first’s, the whole at the last’s', () => {
    // Prepare
    const line = withExtensions(2);
    const plan = lookPlan(rolloutBudget(line), 0, 'errorRate');
    const bake = plan.alpha * BAKE_SHARE;

    // Act
    const finals = finalLooks(line);

    // Assess
    expect(finals).toEqual([16, 31, 46]);
    expect(finals[2]).toBeLessThanOrEqual(plan.bakeLooks + plan.extensionLooks);
    expect(finals.map((look) => spent(plan, look))).toEqual([
      expect.closeTo(bake, 12),
      expect.closeTo(bake + (plan.alpha - bake) / 2, 12),
      expect.closeTo(plan.alpha, 12),
    ]);
  });

  it('spends the whole budget and no more over the looks a bake alone takes (simulated random walks)', () => {
    // Prepare: a budget large enough that a tenth of it more is many standard errors
    const line = withExtensions(0);
    const budget = { ...rolloutBudget(line), alpha: 0.05 };
    const plan = lookPlan(budget, 0, 'errorRate');
    const [last] = finalLooks(line);

    // Act
    const levels = Array.from({ length: last! }, (_, i) => levelAt(plan, i + 1));
    const rate = crossingRate(levels, 100_000, 13);

    // Assess: within 3 standard errors of the budget
    expect(last).toBe(16);
    expect(Math.abs(rate - plan.alpha)).toBeLessThan(3 * Math.sqrt((plan.alpha * (1 - plan.alpha)) / 100_000));
  });
});
