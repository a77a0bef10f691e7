import { levelsAt, lookPlan } from '../../shared/domain/deployment/rollout-budget';
import {
  beforeAfter,
  beforeAfterSpans,
  lookSpan,
  pairMinutes,
  rolloutBudget,
  type VariantMinutes,
} from '../../shared/domain/deployment/window';
import { churnLine } from '../helpers/deployment';
import { serverlessChurnLine } from '../helpers/serverless';

const at = (minute: number) => Date.parse('2026-11-27T03:00:00Z') + minute * 60_000;
const side = (
  variant: string,
  minutes: [number, { requests?: number; errors?: number; latencyUs?: number }][],
): VariantMinutes => ({
  variant,
  minutes: new Map(minutes.map(([minute, metrics]) => [at(minute), metrics])),
});

describe('the window of a look', () => {
  it('starts at the minute the step started in and stops before the minute in progress', () => {
    // Act
    const span = lookSpan(new Date('2026-11-27T03:13:45Z'), new Date('2026-11-27T03:20:10Z'));

    // Assess
    expect(span).toEqual({ start: new Date('2026-11-27T03:13:00Z'), end: new Date('2026-11-27T03:20:00Z') });
  });

  it(
    'pairs the minutes both variants reported and leaves out a minute either side lacks, ' +
      'instead of reading it as zero',
    () => {
      // Prepare
      const baseline = side('v1', [
        [0, { requests: 900, errors: 9, latencyUs: 40_000 }],
        [1, { requests: 900, errors: 9, latencyUs: 41_000 }],
        [2, { requests: 900, errors: 9, latencyUs: 42_000 }],
      ]);
      const candidate = side('v2', [
        [0, { requests: 100, errors: 1, latencyUs: 40_500 }],
        [1, { requests: 100 }],
        [3, { requests: 100, errors: 50, latencyUs: 90_000 }],
      ]);

      // Act
      const paired = pairMinutes(baseline, candidate);

      // Assess: minute 1 lacks the candidate's errors, 2 the candidate, 3 the baseline; what each served in them counts
      // only as the span's requests
      expect(paired.minutes).toBe(1);
      expect(paired.baseline).toEqual({
        variant: 'v1',
        requests: 900,
        errors: 9,
        latencyPerMinute: [40_000],
        latencyRequests: [900],
        countsPerMinute: [{ requests: 900, errors: 9 }],
        spanRequests: 2700,
      });
      expect(paired.candidate).toEqual({
        variant: 'v2',
        requests: 100,
        errors: 1,
        latencyPerMinute: [40_500],
        latencyRequests: [100],
        countsPerMinute: [{ requests: 100, errors: 1 }],
        spanRequests: 300,
      });
    },
  );

  it('keeps minutes in time order and carries custom metrics by name', () => {
    // Prepare
    const baseline = side('v1', [
      [5, { requests: 1, errors: 0 }],
      [4, { requests: 2, errors: 0 }],
    ]);
    baseline.minutes.get(at(4))!.custom = { accuracy: 0.9 };
    const candidate = side('v2', [
      [4, { requests: 3, errors: 1 }],
      [5, { requests: 4, errors: 2 }],
    ]);

    // Act
    const paired = pairMinutes(baseline, candidate, ['accuracy']);

    // Assess
    expect(paired.minutes).toBe(2);
    expect(paired.baseline.custom).toEqual({ accuracy: [0.9] });
    expect(paired.candidate).toMatchObject({ requests: 7, errors: 3, custom: { accuracy: [] } });
  });

  it('spreads the line budget over its judged steps: every canary step below 100', () => {
    // Act
    const budget = rolloutBudget(churnLine());

    // Assess
    expect(budget).toEqual({
      alpha: 0.01,
      judgedWeights: [10, 25, 50],
      bakeMinutes: 15,
      maxBakeExtensions: 2,
      otherTests: 1,
    });
  });
});

describe('the windows of a replacement (before/after)', () => {
  it('judges the baseline over the bake before the minute of the switch, the candidate from that minute on', () => {
    // Act
    const spans = beforeAfterSpans(new Date('2026-11-27T03:13:45Z'), 15, new Date('2026-11-27T03:20:10Z'));

    // Assess
    expect(spans).toEqual({
      baseline: { start: new Date('2026-11-27T02:58:00Z'), end: new Date('2026-11-27T03:13:00Z') },
      candidate: { start: new Date('2026-11-27T03:13:00Z'), end: new Date('2026-11-27T03:20:00Z') },
    });
  });

  it('keeps the minutes each side reported, and counts the candidate’s as the look index', () => {
    // Prepare: the two sides never share a minute; minute 12 lacks the candidate's errors yet
    const baseline = side('v1', [
      [-2, { requests: 1_000, errors: 10, latencyUs: 40_000 }],
      [-1, { requests: 1_000, errors: 12, latencyUs: 41_000 }],
    ]);
    const candidate = side('v2', [
      [10, { requests: 1_000, errors: 200, latencyUs: 40_500 }],
      [11, { requests: 1_000, errors: 190, latencyUs: 40_600 }],
      [12, { requests: 1_000 }],
    ]);

    // Act
    const windows = beforeAfter(baseline, candidate);

    // Assess
    expect(windows.minutes).toBe(2);
    const [before, after] = [
      [40_000, 41_000],
      [40_500, 40_600],
    ];
    const weights = [1_000, 1_000];
    expect(windows.baseline).toEqual({
      variant: 'v1',
      requests: 2_000,
      errors: 22,
      latencyPerMinute: before,
      latencyRequests: weights,
    });
    expect(windows.candidate).toEqual({
      variant: 'v2',
      requests: 2_000,
      errors: 390,
      latencyPerMinute: after,
      latencyRequests: weights,
    });
  });

  it('gives the one judged step of a serverless line the whole budget', () => {
    // Act
    const budget = rolloutBudget(serverlessChurnLine());

    // Assess
    expect(budget).toEqual({ alpha: 0.01, judgedWeights: [100], bakeMinutes: 15, maxBakeExtensions: 2, otherTests: 1 });
    expect(lookPlan(budget, 0, 'errorRate').alpha).toBeCloseTo(0.0095, 12);
    expect(levelsAt(budget, 0, 1).errorRate).toBeGreaterThan(levelsAt(rolloutBudget(churnLine()), 0, 1).errorRate);
  });
});
