import { playStorm } from '../helpers/storm';

describe('an event storm', () => {
  it('turns 10,000 uploads, 20 % repeated, 50 at once, into one exact training at ≤ 2 writes each', async () => {
    // Act
    const storm = await playStorm({ events: 10_000, concurrency: 50, duplicateShare: 0.2, seed: 12 });

    // Assess
    expect(storm).toMatchObject({ events: 10_000, uniqueObjects: 8_000, trainings: 1, deadLetters: 0 });
    expect(storm.counted).toEqual(storm.expected);
    expect(storm.peakConcurrency).toBe(50);
    expect(storm.writesPerEvent).toBeLessThanOrEqual(2);
  });
});
