import { judgementTable } from '../../shared/domain/deployment/judge-format';
import { judge } from '../../shared/domain/deployment/judge';
import {
  DEFAULT_JUDGE_SETTINGS,
  type Judgement,
  type JudgeSettings,
  type VariantWindow,
} from '../../shared/domain/deployment/judge-types';
import { fisherGreater, fisherMidP, stratifiedMidP, type Stratum } from '../../shared/domain/deployment/fisher';
import { normalCdf, normalQuantile } from '../../shared/domain/deployment/normal';
import { newcombeDifference, twoProportionZ, wilson } from '../../shared/domain/deployment/proportions';
import { mannWhitneyGreater } from '../../shared/domain/deployment/rank-test';

const Z95 = normalQuantile(0.975);

/** Per-minute ModelLatency averages (µs) around `ms`, with a small deterministic wobble and no ties. */
const minutes = (ms: number, count: number) =>
  Array.from({ length: count }, (_, i) => ms * 1000 * (1 + 0.013 * (((i * 7) % 5) - 2) + i * 1e-6));
const variant = (
  name: string,
  requests: number,
  errors: number,
  latencyPerMinute: number[],
  custom?: Record<string, number[]>,
): VariantWindow => ({ variant: name, requests, errors, latencyPerMinute, ...(custom ? { custom } : {}) });
const healthyBaseline = () => variant('baseline', 13_500, 135, minutes(40, 15));
const settings = (overrides: Partial<JudgeSettings> = {}): JudgeSettings => ({
  ...DEFAULT_JUDGE_SETTINGS,
  ...overrides,
});

/** Every number in the evidence is finite and nothing is undefined: it is stored in DynamoDB and sent by SNS as is. */
function storable(j: Judgement): boolean {
  const numbers: number[] = [];
  const json = JSON.stringify(j, (_, v: unknown) => {
    if (typeof v === 'number') numbers.push(v);
    return v;
  });
  return numbers.every(Number.isFinite) && JSON.stringify(JSON.parse(json)) === json && !json.includes('undefined');
}

describe('statistics against published values', () => {
  it('gives the normal quantiles and tails of the tables', () => {
    // Act
    const quantiles = [normalQuantile(0.975), normalQuantile(0.995), normalQuantile(0.05)];
    const tails = [normalCdf(1.959963984540054), normalCdf(0), normalCdf(-3), normalCdf(-8)];

    // Assess
    expect(quantiles[0]).toBeCloseTo(1.959964, 6);
    expect(quantiles[1]).toBeCloseTo(2.575829, 6);
    expect(quantiles[2]).toBeCloseTo(-1.644854, 6);
    expect(tails[0]).toBeCloseTo(0.975, 12);
    expect(tails[1]).toBe(0.5);
    expect(tails[2]).toBeCloseTo(0.0013498980316301, 15);
    expect(tails[3]! / 6.22096057427178e-16).toBeCloseTo(1, 7);
  });

  it(
    'matches the Wilson interval of 13/16 in Fagerland, Lydersen & Laake (0.5699 to 0.9341) ' +
      'and keeps width at 0 successes',
    () => {
      // Act
      const interval = wilson(13, 16, Z95);
      const none = wilson(0, 20, Z95);

      // Assess
      expect(interval.lower).toBeCloseTo(0.5699, 4);
      expect(interval.upper).toBeCloseTo(0.9341, 4);
      expect(none.lower).toBe(0);
      expect(none.upper).toBeCloseTo(0.1611, 4);
    },
  );

  it("matches Newcombe's hybrid score interval for 7/34 vs 1/34 (Perondi et al. 2004: 0.0189 to 0.3404)", () => {
    // Act
    const interval = newcombeDifference(7, 34, 1, 34, Z95);

    // Assess
    expect(interval.lower).toBeCloseTo(0.0189, 4);
    expect(interval.upper).toBeCloseTo(0.3404, 4);
  });

  it(
    'keeps an upper bound above zero when neither side has an error, ' + 'where the Wald interval collapses to [0, 0]',
    () => {
      // Act
      const interval = newcombeDifference(0, 1500, 0, 13_500, normalQuantile(0.95));

      // Assess
      expect(interval.upper).toBeGreaterThan(0.0015);
      expect(interval.lower).toBeLessThan(0);
    },
  );

  it(
    'reproduces the tea-tasting table 3/4 vs 1/4: ' +
      "Pearson's chi-squared 2.000 (P = 0.1573) and Fisher's one-sided 17/70",
    () => {
      // Act
      const z = twoProportionZ(3, 4, 1, 4);
      const fisher = fisherGreater(3, 4, 1, 4);

      // Assess
      expect(z * z).toBeCloseTo(2, 10);
      expect(2 * normalCdf(-z)).toBeCloseTo(0.1573, 4);
      expect(fisher).toBeCloseTo(17 / 70, 10);
    },
  );

  it("gives Fisher's exact p = 1 when the candidate is below its share and a tiny p for a landslide", () => {
    // Act
    const below = fisherGreater(0, 1500, 150, 13_500);
    const landslide = fisherGreater(150, 1500, 135, 13_500);

    // Assess
    expect(below).toBe(1);
    expect(landslide).toBeLessThan(1e-30);
    expect(landslide).toBeGreaterThanOrEqual(0);
  });

  it("stratifies Fisher's mid-p by minute: one minute is the plain test, several the exact sum by enumeration", () => {
    // Prepare: every way the minutes' errors could have split between the sides, weighed by its probability
    const strata: Stratum[] = [
      { x1: 2, n1: 5, x2: 1, n2: 12 },
      { x1: 1, n1: 3, x2: 2, n2: 9 },
      { x1: 3, n1: 6, x2: 1, n2: 10 },
    ];
    const choose = (n: number, k: number): number =>
      k < 0 || k > n ? 0 : k === 0 ? 1 : (choose(n - 1, k - 1) * n) / k;
    const pmfs = strata.map(({ x1, n1, x2, n2 }) =>
      Array.from(
        { length: x1 + x2 + 1 },
        (_, k) => (choose(n1, k) * choose(n2, x1 + x2 - k)) / choose(n1 + n2, x1 + x2),
      ),
    );
    let enumerated = 0;
    pmfs[0]!.forEach((a, i) =>
      pmfs[1]!.forEach((b, j) =>
        pmfs[2]!.forEach((c, k) => {
          const sum = i + j + k;
          if (sum > 6) enumerated += a * b * c;
          if (sum === 6) enumerated += (a * b * c) / 2;
        }),
      ),
    );

    // Act
    const single = stratifiedMidP([{ x1: 12, n1: 300, x2: 20, n2: 2700 }]);
    const several = stratifiedMidP(strata);

    // Assess
    expect(single).toBeCloseTo(fisherMidP(12, 300, 20, 2700), 12);
    expect(several).toBeCloseTo(enumerated, 12);
  });

  it('does not blame the side that served less of a low-error minute on a rate that jumped for both', () => {
    // Prepare: a step's first, partial minute at 1 % (the candidate in for 10 s of it), then both at 5 %
    const strata: Stratum[] = [
      { x1: 0, n1: 17, x2: 10, n2: 983 },
      { x1: 5, n1: 100, x2: 45, n2: 900 },
      { x1: 5, n1: 100, x2: 45, n2: 900 },
    ];
    const pooled = (key: keyof Stratum) => strata.reduce((sum, m) => sum + m[key], 0);

    // Act
    const stratified = stratifiedMidP(strata);
    const naive = fisherMidP(pooled('x1'), pooled('n1'), pooled('x2'), pooled('n2'));

    // Assess: the candidate's 4.27 % against the baseline's 3.19 % pooled is chance once compared minute by minute
    expect(naive).toBeLessThan(0.3);
    expect(stratified).toBeGreaterThan(0.45);
  });

  it(
    'reproduces the exact Mann-Whitney test of Hollander & Wolfe ' + '(chorioamnion permeability): W = 35, p = 0.1272',
    () => {
      // Prepare
      const atTerm = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
      const early = [1.15, 0.88, 0.9, 0.74, 1.21];

      // Act
      const test = mannWhitneyGreater(atTerm, early);

      // Assess
      expect(test).toMatchObject({ u: 35, exact: true });
      expect(test.pValue).toBeCloseTo(0.1272, 4);
    },
  );

  it("uses the tie-corrected normal approximation with ties, as R's wilcox.test (W = 9, two-sided p = 0.1705)", () => {
    // Prepare
    const x = [9, 9.5, 9.75, 10, 13, 9.5];
    const y = [11.5, 12, 9, 11.5, 13.25, 13];

    // Act
    const test = mannWhitneyGreater(y, x);

    // Assess
    expect(test).toMatchObject({ u: 27, exact: false });
    expect(test.pValue).toBeCloseTo(0.1705 / 2, 4);
  });

  it('finds no evidence at all when every value is the same', () => {
    // Act
    const test = mannWhitneyGreater([5, 5, 5], [5, 5, 5, 5]);

    // Assess
    expect(test.pValue).toBe(1);
  });
});

describe('judge', () => {
  it('passes a candidate shown not worse on errors and latency, and says why', () => {
    // Act
    const j = judge(
      healthyBaseline(),
      variant('candidate', 1500, 12, minutes(41, 15)),
      [{ name: 'churn-5xx', state: 'OK' }],
      settings(),
    );

    // Assess
    expect(j.outcome).toBe('pass');
    expect(j.reasons).toEqual([
      expect.stringContaining('within the +1.00 pt margin'),
      expect.stringContaining('latency not worse'),
    ]);
    expect(j.evidence.errorRate).toMatchObject({ shownWorse: false, shownNotWorse: true, margin: 0.01 });
    expect(j.evidence.errorRate.upperBound).toBeLessThan(0.01);
    expect(j.evidence.latency).toMatchObject({ shownWorse: false, shownNotWorse: true, margin: 0.2 });
    expect(j.evidence.latency!.ratio).toBeCloseTo(41 / 40, 3);
    expect(j.evidence.candidate).toEqual({
      requests: 1500,
      errors: 12,
      errorRate: 0.008,
      latencyMeanMs: expect.closeTo(41, 1),
      minutes: 15,
    });
    expect(j.evidence.tests).toEqual({
      look: 1,
      final: true,
      levels: { errorRate: expect.closeTo(0.0095, 12), other: expect.closeTo(0.0005, 12) },
      notWorseConfidence: 0.9,
      materialShare: 1,
    });
    expect(storable(j)).toBe(true);
  });

  it('fails on an abort alarm in ALARM, naming it, even with no traffic at all', () => {
    // Act
    const j = judge(
      variant('baseline', 0, 0, []),
      variant('candidate', 0, 0, []),
      [
        { name: 'churn-latency-p99', state: 'ALARM' },
        { name: 'churn-5xx', state: 'INSUFFICIENT_DATA' },
      ],
      settings(),
    );

    // Assess
    expect(j.outcome).toBe('fail');
    expect(j.reasons).toEqual(['abort alarm churn-latency-p99 is in ALARM']);
    expect(j.evidence.alarms).toHaveLength(2);
    expect(storable(j)).toBe(true);
  });

  it(
    'fails at once when the 5XX rate passes an absolute limit on a handful of requests, ' +
      'but not on one unlucky request',
    () => {
      // Act
      const early = judge(
        variant('baseline', 180, 2, minutes(40, 2)),
        variant('candidate', 20, 3, minutes(40, 2)),
        [],
        settings({ maxErrorRate: 0.05, minRequests: 20 }),
      );
      const unlucky = judge(
        variant('baseline', 9, 0, minutes(40, 1)),
        variant('candidate', 1, 1, minutes(40, 1)),
        [],
        settings({ maxErrorRate: 0.05, minRequests: 20 }),
      );

      // Assess
      expect(early.outcome).toBe('fail');
      expect(early.reasons).toContain('candidate 5XX rate 15.00 % (3 of 20 requests) is above the limit 5.00 %');
      expect(unlucky.outcome).toBe('inconclusive');
    },
  );

  it(
    'holds an absolute limit until the candidate served minRequests, ' +
      'so a rate that rose with the baseline does not trip it',
    () => {
      // Act: an incident takes both variants to 3 %; 3 errors in the candidate's first 29 requests are over 10 %
      const j = judge(
        variant('baseline', 261, 8, minutes(40, 1)),
        variant('candidate', 29, 3, minutes(40, 1)),
        [],
        settings({ maxErrorRate: 0.1 }),
      );

      // Assess
      expect(j.outcome).toBe('inconclusive');
      expect(j.reasons.join(' ')).not.toMatch(/above the limit/);
    },
  );

  it('fails at once when the mean latency passes an absolute limit', () => {
    // Act
    const j = judge(
      variant('baseline', 270, 0, minutes(40, 3)),
      variant('candidate', 30, 0, minutes(250, 3)),
      [],
      settings({ maxLatencyMs: 200, minRequests: 20 }),
    );

    // Assess
    expect(j.outcome).toBe('fail');
    expect(j.reasons).toEqual([
      expect.stringMatching(/^candidate mean ModelLatency 2\d\d\.\d ms is above the limit 200\.0 ms$/),
    ]);
  });

  it('fails a candidate shown worse on errors, with the test and the level in the reason', () => {
    // Act
    const j = judge(healthyBaseline(), variant('candidate', 1500, 45, minutes(40, 15)), [], settings());

    // Assess
    expect(j.outcome).toBe('fail');
    expect(j.reasons).toEqual([
      expect.stringMatching(
        new RegExp(
          [
            '^candidate 5XX rate 3\\.00 % is worse than baseline 1\\.00 %: \\+2\\.00 pt, more than the \\+1\\.00 pt ',
            "margin \\(Fisher's exact mid-p = .* <= 0\\.0095 at look 1\\)$",
          ].join(''),
        ),
      ),
    ]);
    expect(j.evidence.errorRate.pValueWorse).toBeLessThan(1e-6);
  });

  it('compares minute by minute when both windows carry the same minutes, against the baseline over them', () => {
    // Prepare: the candidate in for 10 s of a 1 % minute, then 3 % against the baseline's 1 %
    const perMinute = (first: [number, number], rest: [number, number]) =>
      [first, ...Array.from({ length: 14 }, () => rest)].map(([requests, errors]) => ({ requests, errors }));
    const baseline = { ...variant('v1', 983 + 14 * 900, 10 + 14 * 9, minutes(40, 15)) };
    const candidate = { ...variant('v2', 17 + 14 * 100, 42, minutes(40, 15)) };

    // Act
    const j = judge(
      { ...baseline, countsPerMinute: perMinute([983, 10], [900, 9]) },
      { ...candidate, countsPerMinute: perMinute([17, 0], [100, 3]) },
      [],
      settings(),
    );

    // Assess: the baseline's rate weighted by the candidate's requests in each minute
    const alongside = (17 * (10 / 983) + 1400 * 0.01) / 1417;
    expect(j.evidence.errorRate.difference).toBeCloseTo(42 / 1417 - alongside, 12);
    expect(j.outcome).toBe('fail');
    expect(j.reasons[0]).toMatch(
      /^candidate 5XX rate 2\.96 % is worse than baseline 1\.00 % over the same minutes: \+1\.96 pt, .*by minute, = /,
    );
  });

  it('does not roll back a change shown significant but within the margin, and passes it', () => {
    // Act: a busy endpoint, where 4 % slower latency and +0.3 pt of errors are both significant
    const j = judge(
      variant('baseline', 900_000, 9_000, minutes(40, 15)),
      variant('candidate', 100_000, 1_300, minutes(41.6, 15)),
      [],
      settings(),
    );

    // Assess
    expect(j.evidence.errorRate.pValueWorse).toBeLessThan(1e-6);
    expect(j.evidence.latency!.pValueWorse).toBeLessThan(0.005);
    expect(j.evidence.errorRate.shownWorse).toBe(false);
    expect(j.evidence.latency!.shownWorse).toBe(false);
    expect(j.outcome).toBe('pass');
  });

  it('scales the 5XX margin with a high baseline rate: +1.5 pt on 3 % is no failure, and passes shown within', () => {
    // Act: both variants at about 3 %, as in an upstream incident; 1.5 pt is significant but under 1 x 3 %
    const incident = judge(
      variant('baseline', 90_000, 2_700, minutes(40, 15)),
      variant('candidate', 10_000, 450, minutes(40, 15)),
      [],
      settings(),
    );
    const absoluteOnly = judge(
      variant('baseline', 90_000, 2_700, minutes(40, 15)),
      variant('candidate', 10_000, 450, minutes(40, 15)),
      [],
      settings({ errorRateRelativeMargin: 0 }),
    );

    // Assess
    expect(incident.evidence.errorRate.pValueWorse).toBeLessThan(1e-6);
    expect(incident.evidence.errorRate.margin).toBeCloseTo(0.03, 10);
    expect(incident.outcome).toBe('pass');
    expect(incident.reasons).toContain(
      'candidate 5XX rate 4.50 % vs baseline 3.00 %: the upper 90 % bound of the difference is +1.78 pt, ' +
        'within the +3.00 pt margin',
    );
    expect(absoluteOnly.outcome).toBe('fail');
    expect(absoluteOnly.reasons[0]).toMatch(/more than the \+1\.00 pt margin/);
  });

  it('keeps the absolute 5XX margin for a baseline not shown above 1 %, though observed at 1.1 %', () => {
    // Act: 15 errors in 1,360 requests (1.10 %) is well within chance of a 1 % rate
    const j = judge(
      variant('baseline', 1_360, 15, minutes(40, 15)),
      variant('candidate', 150, 4, minutes(40, 15)),
      [],
      settings(),
    );
    const shown = judge(
      variant('baseline', 136_000, 1_500, minutes(40, 15)),
      variant('candidate', 15_000, 400, minutes(40, 15)),
      [],
      settings(),
    );

    // Assess
    expect(j.evidence.errorRate.margin).toBe(0.01);
    expect(shown.evidence.errorRate.margin).toBeCloseTo(1_500 / 136_000, 10);
  });

  it('keeps the absolute 5XX margin below a 1 % baseline: 0.2 % to 1.5 % still fails', () => {
    // Act
    const j = judge(
      variant('baseline', 13_500, 27, minutes(40, 15)),
      variant('candidate', 1_500, 23, minutes(40, 15)),
      [],
      settings(),
    );

    // Assess
    expect(j.evidence.errorRate.margin).toBe(0.01);
    expect(j.outcome).toBe('fail');
  });

  it('fails latency shown worse by more than the margin, with the threshold in the reason', () => {
    // Act
    const j = judge(healthyBaseline(), variant('candidate', 1500, 15, minutes(50, 15)), [], settings());

    // Assess
    expect(j.outcome).toBe('fail');
    expect(j.reasons).toEqual([
      expect.stringMatching(
        new RegExp(
          [
            '^candidate latency is worse than baseline: candidate 50\\.\\d ms vs baseline 40\\.\\d ms \\(x1\\.25\\), ',
            'over x1\\.20 \\(the margin\\), Mann-Whitney p = ',
          ].join(''),
        ),
      ),
    ]);
  });

  it('is inconclusive with no traffic, says which side got none, and still fills the evidence', () => {
    // Act
    const j = judge(healthyBaseline(), variant('candidate', 0, 0, []), [], settings());

    // Assess
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons[0]).toBe('no requests reached the candidate in the window');
    expect(j.evidence.candidate).toEqual({ requests: 0, errors: 0, errorRate: 0, minutes: 0 });
    expect(j.evidence.errorRate).toMatchObject({ pValueWorse: 1, shownWorse: false, shownNotWorse: false });
    expect(j.evidence.latency).toBeUndefined();
    expect(storable(j)).toBe(true);
  });

  it('cannot pass on too little traffic or too few minutes, however good the numbers', () => {
    // Act
    const fewRequests = judge(
      variant('baseline', 4000, 40, minutes(40, 15)),
      variant('candidate', 400, 0, minutes(38, 15)),
      [],
      settings(),
    );
    const fewMinutes = judge(
      variant('baseline', 13_500, 135, minutes(40, 4)),
      variant('candidate', 1500, 0, minutes(38, 4)),
      [],
      settings(),
    );

    // Assess
    expect(fewRequests.outcome).toBe('inconclusive');
    expect(fewRequests.reasons).toContain(
      'too little traffic to pass: candidate 400, baseline 4000 requests; 500 each are needed',
    );
    expect(fewMinutes.outcome).toBe('inconclusive');
    expect(fewMinutes.reasons).toContain(
      'too few minutes of latency data to pass: candidate 4, baseline 4; 5 each are needed',
    );
  });

  it('judges custom metrics in their direction, sharing the non-error part of alpha with latency', () => {
    // Prepare
    const accuracy = (level: number) => Array.from({ length: 15 }, (_, i) => level + 0.001 * ((i * 7) % 5) + i * 1e-7);
    const line = settings({ customMetrics: [{ name: 'accuracy', better: 'higher', margin: 0.05 }] });

    // Act
    const worse = judge(
      { ...healthyBaseline(), custom: { accuracy: accuracy(0.9) } },
      variant('candidate', 1500, 15, minutes(40, 15), { accuracy: accuracy(0.7) }),
      [],
      line,
    );
    const fine = judge(
      { ...healthyBaseline(), custom: { accuracy: accuracy(0.9) } },
      variant('candidate', 1500, 15, minutes(40, 15), { accuracy: accuracy(0.9001).reverse() }),
      [],
      line,
    );
    const missing = judge(healthyBaseline(), variant('candidate', 1500, 15, minutes(40, 15)), [], line);

    // Assess
    expect(worse.outcome).toBe('fail');
    expect(worse.reasons).toEqual([
      expect.stringMatching(
        new RegExp(
          [
            '^candidate accuracy is worse than baseline \\(higher is better\\): mean 0\\.70\\d* vs 0\\.90\\d*, more ',
            'than the 5 % margin, Mann-Whitney p = .* <= 0\\.00025 at look 1',
          ].join(''),
        ),
      ),
    ]);
    expect(worse.evidence.tests?.levels).toEqual({
      errorRate: expect.closeTo(0.0095, 12),
      other: expect.closeTo(0.00025, 12),
    });
    expect(fine.outcome).toBe('pass');
    expect(fine.evidence.custom?.accuracy).toMatchObject({
      shownWorse: false,
      shownNotWorse: true,
      minutes: { baseline: 15, candidate: 15 },
    });
    expect(missing.outcome).toBe('inconclusive');
    expect(missing.reasons).toContain(
      'too few minutes of accuracy to pass: candidate 0, baseline 0; 5 each are needed',
    );
  });

  it('ignores non-finite and zero minutes and clamps errors to requests rather than computing nonsense', () => {
    // Act
    const j = judge(
      variant('baseline', 13_500, 135, [...minutes(40, 15), Number.NaN, 0]),
      variant('candidate', 10, 25, [Number.POSITIVE_INFINITY, 40_000]),
      [],
      settings(),
    );

    // Assess
    expect(j.evidence.baseline.minutes).toBe(15);
    expect(j.evidence.candidate).toMatchObject({ requests: 10, errors: 10, errorRate: 1, minutes: 1 });
    expect(storable(j)).toBe(true);
  });
});

describe('judgementTable', () => {
  it('renders the evidence as aligned columns with the outcome, alarms, limits and reasons', () => {
    // Prepare
    const j = judge(
      healthyBaseline(),
      variant('candidate', 1500, 45, minutes(60, 15)),
      [{ name: 'churn-5xx', state: 'ALARM' }],
      settings({ maxErrorRate: 0.05 }),
    );

    // Act
    const table = judgementTable(j);
    const lines = table.split('\n');
    const header = lines.find((l) => l.startsWith('metric'))!;
    const rows = ['requests', '5XX rate', 'latency (mean)'].map((m) => lines.find((l) => l.startsWith(m))!);

    // Assess
    expect(lines[0]).toBe('judgement: FAIL');
    const candidateEnd = header.indexOf('candidate') + 'candidate'.length;
    for (const row of rows) expect(row[candidateEnd - 1]).not.toBe(' ');
    for (const row of rows) expect(row.slice(candidateEnd, candidateEnd + 1).trim()).toBe('');
    expect(rows[0]).toMatch(/^requests\s+13,500\s+1,500$/);
    expect(rows[1]).toMatch(/1\.00 %\s+3\.00 %\s+\+2\.00 pt\s+\+1\.00 pt\s+\S+\s+bound \+\S+ pt\s+worse$/);
    expect(rows[2]).toMatch(/x1\.50\s+x1\.20\s+\S+\s+p \S+\s+worse$/);
    expect(table).toContain('abort alarms: churn-5xx ALARM');
    expect(table).toContain('limits: 5XX rate <= 5.00 %; at least 500 requests per variant to pass');
    expect(table).toMatch(/^tests: look 1, bake over: .*; not worse at one-sided 90 %$/m);
    expect(table).toContain('- abort alarm churn-5xx is in ALARM');
    expect(table).toMatch(/^[\x20-\x7e\n]+$/);
  });

  it('shows the baseline over the candidate’s minutes beside its whole window, so the 5XX change subtracts', () => {
    // Prepare: the baseline's errors all fell in a minute before the candidate served
    const baseline = {
      ...variant('baseline', 2_000, 40, minutes(40, 2)),
      countsPerMinute: [
        { requests: 1_000, errors: 40 },
        { requests: 1_000, errors: 0 },
      ],
    };
    const candidate = {
      ...variant('candidate', 100, 3, minutes(40, 2)),
      countsPerMinute: [
        { requests: 0, errors: 0 },
        { requests: 100, errors: 3 },
      ],
    };

    // Act
    const lines = judgementTable(judge(baseline, candidate, [], settings())).split('\n');

    // Assess
    expect(lines.find((l) => l.startsWith('5XX rate '))).toMatch(/^5XX rate\s+2\.00 %\s+3\.00 %$/);
    expect(lines.find((l) => l.startsWith('5XX rate, same minutes'))).toMatch(
      /^5XX rate, same minutes\s+0\.00 %\s+3\.00 %\s+\+3\.00 pt/,
    );
  });
});
