// maxLatencyMs holds the candidate's mean ModelLatency: the mean over its requests, so a step's first minute, partial
// and served by a container still warming up, weighs as much as the requests it served, not as a whole minute.
import { judge } from '../../shared/domain/deployment/judge';
import { DEFAULT_JUDGE_SETTINGS } from '../../shared/domain/deployment/judge-types';
import { pairMinutes, type MinuteMetrics, type VariantMinutes } from '../../shared/domain/deployment/window';

const at = (minute: number) => Date.parse('2026-11-27T03:00:00Z') + minute * 60_000;
const side = (variant: string, metrics: MinuteMetrics[]): VariantMinutes => ({
  variant,
  minutes: new Map(metrics.map((m, minute) => [at(minute), m])),
});
const settings = { ...DEFAULT_JUDGE_SETTINGS, maxLatencyMs: 500 };

describe('the latency limit', () => {
  it('weighs each minute by its requests: 5 slow first requests do not fail a candidate of 1,600 at 100 ms', () => {
    // Prepare: the step took effect seconds before its first minute ended
    const baseline = side(
      'v1',
      Array.from({ length: 5 }, () => ({ requests: 3_600, errors: 0, latencyUs: 100_000 })),
    );
    const candidate = side('v2', [
      { requests: 5, errors: 0, latencyUs: 3_000_000 },
      ...Array.from({ length: 4 }, () => ({ requests: 400, errors: 0, latencyUs: 100_000 })),
    ]);
    const paired = pairMinutes(baseline, candidate);

    // Act
    const judgement = judge(paired.baseline, paired.candidate, [], settings);

    // Assess
    expect(judgement.evidence.candidate.latencyMeanMs).toBeCloseTo((5 * 3_000 + 1_600 * 100) / 1_605, 6);
    expect(judgement.reasons.join('; ')).not.toMatch(/above the limit/);
  });

  it('fails a candidate whose requests are slower than the limit on average', () => {
    // Prepare
    const baseline = side(
      'v1',
      Array.from({ length: 5 }, () => ({ requests: 3_600, errors: 0, latencyUs: 100_000 })),
    );
    const candidate = side(
      'v2',
      Array.from({ length: 5 }, () => ({ requests: 400, errors: 0, latencyUs: 600_000 })),
    );
    const paired = pairMinutes(baseline, candidate);

    // Act
    const judgement = judge(paired.baseline, paired.candidate, [], settings);

    // Assess
    expect(judgement.outcome).toBe('fail');
    expect(judgement.reasons).toContain('candidate mean ModelLatency 600.0 ms is above the limit 500.0 ms');
  });
});
