// A custom metric's margin in the judge's words: as configured, however small, never rounded to "0 %" or "x1.00".
import { judge } from '../../shared/domain/deployment/judge';
import { judgementTable } from '../../shared/domain/deployment/judge-format';
import { DEFAULT_JUDGE_SETTINGS, type VariantWindow } from '../../shared/domain/deployment/judge-types';

/** Per-minute values around `level`, with a small deterministic wobble and no ties. */
const around = (level: number) =>
  Array.from({ length: 15 }, (_, i) => level * (1 + 0.013 * (((i * 7) % 5) - 2)) + i * 1e-6);
const window = (variant: string, requests: number, errors: number, fallbacks: number[]): VariantWindow => ({
  variant,
  requests,
  errors,
  latencyPerMinute: around(40_000),
  custom: { fallbacks },
});
const withMargin = (margin: number) => ({
  ...DEFAULT_JUDGE_SETTINGS,
  customMetrics: [{ name: 'fallbacks', better: 'lower' as const, margin }],
});

describe('the margin in the reason a custom metric fails a candidate', () => {
  it.each([
    [0.005, '0.5 %'],
    [0.0125, '1.25 %'],
    [0.1, '10 %'],
  ])('shows a margin of %p as %s', (margin, shown) => {
    // Act
    const j = judge(window('v1', 13_500, 135, around(10)), window('v2', 1_500, 15, around(20)), [], withMargin(margin));

    // Assess
    expect(j.outcome).toBe('fail');
    expect(j.reasons).toEqual([expect.stringContaining(`more than the ${shown} margin, Mann-Whitney p = `)]);
  });
});

describe('the margin a custom metric is shown within, or not', () => {
  it.each([
    [0.005, 'x1.005'],
    [0.0125, 'x1.0125'],
    [0.1, 'x1.10'],
  ])('shows a margin of %p as baseline %s, in the reason and in the table', (margin, shown) => {
    // Act: the same values on both sides, in another order
    const j = judge(
      window('v1', 13_500, 135, around(10)),
      window('v2', 1_500, 15, around(10).reverse()),
      [],
      withMargin(margin),
    );

    // Assess
    const reason = new RegExp(`^fallbacks not (shown within|worse than) baseline ${shown.replace('.', '\\.')} \\(`);
    expect(j.reasons).toEqual(expect.arrayContaining([expect.stringMatching(reason)]));
    const row = judgementTable(j)
      .split('\n')
      .find((line) => line.startsWith('fallbacks'));
    expect(row).toContain(` ${shown} `);
  });
});
