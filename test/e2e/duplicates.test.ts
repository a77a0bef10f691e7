import type { Cloud } from '../../local/cloud';
import { createCalls, DEFAULT_SCENARIO_CREATES, failedChecks, playDefault, seeded } from '../helpers/e2e';

/** What was said more than once: an SNS message, or a domain event with the same detail-type and detail. */
function saidTwice(cloud: Cloud): string[] {
  const said = [
    ...cloud.sns.outbox().map((m) => `sns ${m.subject}\n${m.message}`),
    ...cloud.eventbridge.published
      .filter((e) => e.source === 'shepherd')
      .map((e) => `event ${e['detail-type']} ${JSON.stringify(e.detail)}`),
  ];
  return said.filter((text, i) => said.indexOf(text) !== i);
}

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
    // Nobody is told twice, and no fact is published twice.
    expect(saidTwice(result.cloud)).toEqual([]);
    expect(result.summary.deadLetters).toBe(0);
  });
});
