// The judge's numbers in its words, in reasons and in the evidence table: a 5XX rate in percent (two decimals, and at
// least two significant figures below 0.01 %) and a difference of rates in points (at least two significant
// figures), so that a rate, a limit or a difference that is not zero is never shown as "0.00 %" or "+0.00 pt".
import { percent, points } from '../../shared/domain/deployment/figures';
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

describe('a 5XX rate in percent', () => {
  it.each([
    [0.0126, '1.26 %'],
    [0.0001, '0.01 %'],
    [0.5, '50.00 %'],
    [0, '0.00 %'],
    [0.00004, '0.0040 %'],
    [0.00001, '0.0010 %'],
    [0.0000994, '0.0099 %'],
    [1.23e-9, '1.2e-7 %'],
  ])('shows %p as %s', (rate, shown) => {
    // Act & Assess
    expect(percent(rate)).toBe(shown);
  });

  it('names a candidate rate of 0.004 % above a limit of 0.001 % as such, in the reason and the table', () => {
    // Prepare: 4 errors in 100,000 requests against a clean baseline
    const baseline = window('v1', 100_000, 0, 0);
    const candidate = window('v2', 100_000, 4, 2);

    // Act
    const j = judge(baseline, candidate, [], { ...DEFAULT_JUDGE_SETTINGS, maxErrorRate: 0.00001 });
    const table = judgementTable(j);

    // Assess
    expect(j.outcome).toBe('fail');
    expect(j.reasons).toContain('candidate 5XX rate 0.0040 % (4 of 100000 requests) is above the limit 0.0010 %');
    expect(table).toMatch(/^5XX rate\s+0\.00 %\s+0\.0040 %\s/m);
    expect(table).toContain('limits: 5XX rate <= 0.0010 %');
  });

  it('shows one 5XX rate row when the baseline over the candidate’s minutes is its whole window', () => {
    // Prepare: 3 errors in 100,000 requests on each side
    const baseline = window('v1', 100_000, 3, 0);
    const candidate = window('v2', 100_000, 4, 2);

    // Act
    const rows = judgementTable(judge(baseline, candidate, [], DEFAULT_JUDGE_SETTINGS))
      .split('\n')
      .filter((line) => line.startsWith('5XX rate'));

    // Assess
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^5XX rate\s+0\.0030 %\s+0\.0040 %\s+\+0\.0010 pt\s/);
  });
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
