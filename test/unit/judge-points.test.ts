// A 5XX-rate difference in the judge's words: in points, with at least two significant figures, so that a small
// difference is never shown as "+0.00 pt" beside a margin it is compared with.
import { points } from '../../shared/domain/deployment/figures';
import { judge } from '../../shared/domain/deployment/judge';
import { judgementTable } from '../../shared/domain/deployment/judge-format';
import { DEFAULT_JUDGE_SETTINGS, type VariantWindow } from '../../shared/domain/deployment/judge-types';

/** Fifteen per-minute latency means about 40 ms, a little apart and without ties. */
const latency = (shift: number) => Array.from({ length: 15 }, (_, i) => 40_000 + ((i * 7) % 5) * 100 + i + shift);
const window = (variant: string, requests: number, errors: number, shift: number): VariantWindow => ({
  variant,
  requests,
  errors,
  latencyPerMinute: latency(shift),
});

describe('a difference of 5XX rates in points', () => {
  it.each([
    [0.0126, '+1.26 pt'],
    [-0.001, '-0.10 pt'],
    [0.0005, '+0.050 pt'],
    [0.00002, '+0.0020 pt'],
    [-0.0000341, '-0.0034 pt'],
    [1.23e-8, '+1.2e-6 pt'],
    [0, '+0.00 pt'],
  ])('shows %p as %s', (difference, shown) => {
    // Act & Assess
    expect(points(difference)).toBe(shown);
  });

  it('shows a busy candidate 0.002 points worse than its baseline as such, in the evidence table', () => {
    // Prepare: 1.000 % against 1.002 % of 150,000 requests
    const baseline = window('v1', 1_350_000, 13_500, 0);
    const candidate = window('v2', 150_000, 1_503, 2);

    // Act
    const j = judge(baseline, candidate, [], DEFAULT_JUDGE_SETTINGS);
    const row = judgementTable(j)
      .split('\n')
      .find((line) => line.startsWith('5XX rate'));

    // Assess
    expect(j.outcome).toBe('pass');
    expect(row).toMatch(/^5XX rate\s+1\.00 %\s+1\.00 %\s+\+0\.0020 pt\s+\+1\.00 pt\s/);
    expect(j.reasons[0]).toMatch(
      /the upper 90 % bound of the difference is \+0\.0\d\d pt, within the \+1\.00 pt margin$/,
    );
  });
});
