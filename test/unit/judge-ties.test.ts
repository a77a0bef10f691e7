// A custom metric that stays at one value on both sides (a count of fallbacks that is 0 in every minute) is all ties
// for the rank test, and a relative margin has no room at 0: the candidate equals the baseline and meets the margin.
import { judge } from '../../shared/domain/deployment/judge';
import { judgementTable } from '../../shared/domain/deployment/judge-format';
import { DEFAULT_JUDGE_SETTINGS, type VariantWindow } from '../../shared/domain/deployment/judge-types';

/** Per-minute ModelLatency averages (µs) around 40 ms, with a small deterministic wobble and no ties. */
const latency = Array.from({ length: 15 }, (_, i) => 40_000 * (1 + 0.013 * (((i * 7) % 5) - 2) + i * 1e-6));
const window = (variant: string, requests: number, errors: number, fallbacks: number[]): VariantWindow => ({
  variant,
  requests,
  errors,
  latencyPerMinute: latency,
  custom: { fallbacks },
});
const settings = {
  ...DEFAULT_JUDGE_SETTINGS,
  customMetrics: [{ name: 'fallbacks', better: 'lower' as const, margin: 0.1 }],
};
const zeros = () => new Array<number>(15).fill(0);

describe('a custom metric with one value in every minute of both variants', () => {
  it('passes a candidate whose metric is 0 in every minute, as the baseline’s is', () => {
    // Act
    const j = judge(window('v1', 13_500, 135, zeros()), window('v2', 1_500, 15, zeros()), [], settings);

    // Assess
    expect(j.outcome).toBe('pass');
    expect(j.evidence.custom?.fallbacks).toMatchObject({ shownWorse: false, shownNotWorse: true });
    expect(j.reasons).toContain('fallbacks equal on both sides in every minute (0): within any margin');
    const row = judgementTable(j)
      .split('\n')
      .find((line) => line.startsWith('fallbacks'));
    expect(row).toContain('equal every minute');
    expect(row).not.toContain('too few minutes');
  });

  it('does not pass a candidate whose metric rose from a baseline that stayed at 0', () => {
    // Prepare
    const rose = [...zeros().slice(0, 12), 2, 3, 5];

    // Act
    const j = judge(window('v1', 13_500, 135, zeros()), window('v2', 1_500, 15, rose), [], settings);

    // Assess
    expect(j.outcome).not.toBe('pass');
    expect(j.evidence.custom?.fallbacks).toMatchObject({ shownNotWorse: false });
  });

  it('still needs enough minutes on each side to pass', () => {
    // Act
    const j = judge(window('v1', 13_500, 135, zeros()), window('v2', 1_500, 15, [0, 0, 0]), [], settings);

    // Assess
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons).toContain('too few minutes of fallbacks to pass: candidate 3, baseline 15; 5 each are needed');
  });
});
