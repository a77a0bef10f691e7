// The targets for the canary, as seeded simulations of whole rollouts (test/helpers/canary-simulation.ts):
// 1,000 req/min, steps 10 -> 25 -> 50 % with 15-minute bakes, 1 % errors unless said. `npm run bench` prints them.
import { quantile, simulateRollouts, type Behaviour } from '../helpers/canary-simulation';

const HEALTHY: Behaviour = { errorRate: 0.01, latencyMs: 40 };
const BUSY = 1000;
const MINUTES = 60;

describe('whole canary rollouts on simulated traffic', () => {
  it('an identical candidate is rolled back in at most 1 % of rollouts and promoted in at least 90 %', () => {
    // Act
    const t = simulateRollouts({ requestsPerMinute: BUSY, baseline: HEALTHY, candidate: HEALTHY }, 1000, 1);

    // Assess
    expect(t.rolledBack / t.runs).toBeLessThanOrEqual(0.01);
    expect(t.promoted / t.runs).toBeGreaterThanOrEqual(0.9);
  });

  it(
    'three times the 5XX rate is rolled back within the first step in 99 %: ' +
      'weight 0 asked for in a median 6 minutes and a p90 of 9',
    () => {
      // Act
      const t = simulateRollouts(
        { requestsPerMinute: BUSY, baseline: HEALTHY, candidate: { ...HEALTHY, errorRate: 0.03 } },
        1000,
        2,
      );

      // Assess
      expect(t.rolledBackFirstStep / t.runs).toBeGreaterThanOrEqual(0.99);
      expect(t.secondsToRollback.filter((s) => s <= 15 * MINUTES).length / t.runs).toBeGreaterThanOrEqual(0.99);
      expect(quantile(t.secondsToRollback, 0.5)).toBeLessThanOrEqual(6 * MINUTES);
      expect(quantile(t.secondsToRollback, 0.9)).toBeLessThanOrEqual(9 * MINUTES);
    },
  );

  it('20 % errors are rolled back within 2 minutes of the step starting in 99 % of rollouts', () => {
    // Act
    const t = simulateRollouts(
      { requestsPerMinute: BUSY, baseline: HEALTHY, candidate: { ...HEALTHY, errorRate: 0.2 } },
      500,
      3,
    );

    // Assess
    expect(t.secondsToRollback.filter((s) => s <= 2 * MINUTES).length / t.runs).toBeGreaterThanOrEqual(0.99);
  });

  it('an upstream incident degrading both variants mid-bake (1 % to 3 %) is blamed on the candidate in ≤ 1 %', () => {
    // Act
    const incident = { fromMinute: 7, errorRate: 0.03 };
    const t = simulateRollouts({ requestsPerMinute: BUSY, baseline: HEALTHY, candidate: HEALTHY, incident }, 600, 4);

    // Assess
    expect(t.rolledBack / t.runs).toBeLessThanOrEqual(0.01);
  });

  it('three times the 5XX rate at 100 req/min is promoted in at most 1 % of rollouts', () => {
    // Act
    const t = simulateRollouts(
      { requestsPerMinute: 100, baseline: HEALTHY, candidate: { ...HEALTHY, errorRate: 0.03 } },
      300,
      5,
    );

    // Assess
    expect(t.promoted / t.runs).toBeLessThanOrEqual(0.01);
  });
});
