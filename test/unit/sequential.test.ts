import {
  FIRST_STEP_SHARE,
  levelsAt,
  lookPlan,
  type RolloutBudget,
  stepShare,
} from '../../shared/domain/deployment/rollout-budget';
import { BAKE_SHARE, levelAt, lookLevels, spent } from '../../shared/domain/deployment/sequential';
import { crossingRate } from '../helpers/random-walks';

describe('sequential boundaries', () => {
  it('hold the first look to exactly its share of the spend', () => {
    // Act
    const levels = lookLevels({ alpha: 0.01, bakeLooks: 15, extensionLooks: 30 });

    // Assess
    expect(levels).toHaveLength(45);
    expect(levels[0]).toBeCloseTo((0.01 * BAKE_SHARE) / 15, 10);
  });

  it('are less strict than splitting the budget evenly, because each window holds the previous one', () => {
    // Act
    const levels = lookLevels({ alpha: 0.005, bakeLooks: 15, extensionLooks: 0 });

    // Assess
    for (const level of levels) expect(level).toBeGreaterThanOrEqual(0.005 / 15 - 1e-12);
    expect(levels[14]!).toBeGreaterThan(3 * (0.005 / 15));
  });

  it.each([
    ['a bake alone', { alpha: 0.05, bakeLooks: 15, extensionLooks: 0 }],
    ['a bake and two extensions', { alpha: 0.05, bakeLooks: 15, extensionLooks: 30 }],
    ['a short bake', { alpha: 0.02, bakeLooks: 5, extensionLooks: 5 }],
  ])('spend the whole budget and no more over all looks of %s (simulated random walks)', (_, plan) => {
    // Act
    const rate = crossingRate(lookLevels(plan), 100_000, 7);

    // Assess: within 3 standard errors of the budget
    const se = Math.sqrt((plan.alpha * (1 - plan.alpha)) / 100_000);
    expect(Math.abs(rate - plan.alpha)).toBeLessThan(3 * se);
  });

  it('judge a look past the plan’s last at the last look’s level, and spend nothing before the first', () => {
    // Prepare
    const plan = { alpha: 0.01, bakeLooks: 15, extensionLooks: 15 };

    // Act & Assess
    expect(levelAt(plan, 30)).toBeGreaterThan(0);
    expect(levelAt(plan, 31)).toBe(levelAt(plan, 30));
    expect(levelAt(plan, 40)).toBe(levelAt(plan, 30));
    expect(levelAt(plan, 0)).toBe(0);
    expect(spent(plan, 15)).toBeCloseTo(0.01 * BAKE_SHARE, 12);
    expect(spent(plan, 30)).toBeCloseTo(0.01, 12);
  });

  it('spend about a tenth of alpha more on one look past a bake alone (simulated random walks)', () => {
    // Prepare
    const plan = { alpha: 0.01, bakeLooks: 10, extensionLooks: 0 };

    // Act
    const rate = crossingRate(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((look) => levelAt(plan, look)),
      100_000,
      11,
    );

    // Assess: about a tenth of alpha more, within 3 standard errors
    expect(rate).toBeLessThan(plan.alpha * 1.1 + 3 * Math.sqrt((plan.alpha * 1.1) / 100_000));
  });

  it('give a bake without extensions the whole budget', () => {
    // Act & Assess
    expect(spent({ alpha: 0.01, bakeLooks: 10, extensionLooks: 0 }, 10)).toBeCloseTo(0.01, 12);
  });
});

describe('the rollout budget', () => {
  const budget: RolloutBudget = {
    alpha: 0.01,
    judgedWeights: [10, 25, 50],
    bakeMinutes: 15,
    maxBakeExtensions: 2,
    otherTests: 1,
  };

  it('gives the first judged step most of it and splits the rest evenly over the later steps', () => {
    // Act
    const shares = [0, 1, 2].map((step) => stepShare(budget.judgedWeights, step));

    // Assess
    expect(shares[0]).toBeCloseTo(FIRST_STEP_SHARE, 12);
    expect(shares[1]).toBeCloseTo(shares[2]!, 12);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(stepShare([50], 0)).toBe(1);
    expect(stepShare([10, 25], 2)).toBe(0);
  });

  it('never spends more than alpha over every step, test, look and extension of a rollout', () => {
    // Act
    const total = [0, 1, 2].reduce((sum, step) => {
      const error = lookPlan(budget, step, 'errorRate');
      const other = lookPlan(budget, step, 'other');
      const looks = error.bakeLooks + error.extensionLooks;
      return sum + spent(error, looks) + budget.otherTests * spent(other, looks);
    }, 0);

    // Assess
    expect(total).toBeCloseTo(0.01, 12);
  });

  it('holds a later step to a stricter level than the first, at the same look', () => {
    // Act
    const first = levelsAt(budget, 0, 5);
    const second = levelsAt(budget, 1, 5);

    // Assess
    expect(second.errorRate).toBeLessThan(first.errorRate);
    expect(first.other).toBeLessThan(first.errorRate);
  });
});
