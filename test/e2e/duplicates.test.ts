import { createCalls, DEFAULT_SCENARIO_CREATES, failedChecks, playDefault, seeded } from '../helpers/e2e';

describe('at-least-once delivery on the local cloud', () => {
  it('gives the same side effects when every event arrives three times, out of order', async () => {
    // Prepare
    const random = seeded(42);

    // Act
    const result = await playDefault({ delivery: { copies: 3, jitterMs: 90_000 }, random });

    // Assess
    expect(failedChecks(result)).toEqual([]);
    // Exactly what one delivery of each event gives (see default-scenario.test.ts): no Create* twice.
    expect(createCalls(result.cloud)).toEqual(DEFAULT_SCENARIO_CREATES);
    expect(result.summary.deadLetters).toBe(0);
  }, 180_000);
});
