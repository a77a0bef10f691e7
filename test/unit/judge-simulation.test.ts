import { judge } from '../../shared/domain/deployment/judge';
import {
  DEFAULT_JUDGE_SETTINGS,
  type AlarmState,
  type JudgeSettings,
  type Judgement,
  type VariantWindow,
} from '../../shared/domain/deployment/judge-types';
import { logNormal, seededRandom } from '../../local/traffic/random';
// Inversion draws one number per count, not one per request: the simulations stay fast in Jest's vm context.
import { binomial, poissonCount } from '../helpers/canary-simulation';

type Random = () => number;
interface Behaviour {
  errorRate: number;
  latencyMs: number;
}
interface Traffic {
  requestsPerMinute: number;
  candidateWeight: number;
  minutes: number;
}
interface Tally {
  runs: number;
  pass: number;
  fail: number;
  inconclusive: number;
  continue: number;
  last?: Judgement;
}

// Per-minute ModelLatency averages: each request log-normal with a 20 ms spread, averaged over the minute's requests,
// plus 2 ms of minute-to-minute drift on the variant's instances. The candidate's minutes (fewer requests) are noisier,
// as in life.
const REQUEST_SPREAD_MS = 20;
const MINUTE_DRIFT_MS = 2;
const HEALTHY: Behaviour = { errorRate: 0.01, latencyMs: 40 };
const BAKE: Traffic = { requestsPerMinute: 1000, candidateWeight: 0.1, minutes: 15 };
const RUNS = 1_000;
// An A/A false-fail rate is bounded by alpha = 1 %: 0.36 % over 100,000 simulated bakes, nearly all Fisher's
// (Mann-Whitney's false alarms are minute-to-minute noise, far below half the latency margin). 1,000 runs cannot tell
// 0.4 % from 1 % well (one standard error is 0.2 to 0.3 points), so those get 10,000.
const A_A_RUNS = 10_000;

function window(
  variant: string,
  requestsPerMinute: number,
  minutes: number,
  behaviour: Behaviour,
  random: Random,
): VariantWindow {
  const w: VariantWindow = { variant, requests: 0, errors: 0, latencyPerMinute: [] };
  for (let minute = 0; minute < minutes; minute++) {
    const requests = poissonCount(requestsPerMinute, random);
    w.requests += requests;
    w.errors += binomial(requests, behaviour.errorRate, random);
    const spread = Math.sqrt(MINUTE_DRIFT_MS ** 2 + REQUEST_SPREAD_MS ** 2 / Math.max(1, requests));
    if (requests > 0) w.latencyPerMinute.push(1000 * logNormal(behaviour.latencyMs, spread, random));
  }
  return w;
}

/** Judges `runs` independent bakes of the same traffic, seeded, and counts the outcomes. */
function simulate(
  runs: number,
  seed: number,
  traffic: Traffic,
  baseline: Behaviour,
  candidate: Behaviour,
  alarms: AlarmState[] = [],
  settings: JudgeSettings = DEFAULT_JUDGE_SETTINGS,
): Tally {
  const random = seededRandom(seed);
  const tally: Tally = { runs, pass: 0, fail: 0, inconclusive: 0, continue: 0 };
  for (let run = 0; run < runs; run++) {
    const rate = traffic.requestsPerMinute;
    const b = window('baseline', rate * (1 - traffic.candidateWeight), traffic.minutes, baseline, random);
    const c = window('candidate', rate * traffic.candidateWeight, traffic.minutes, candidate, random);
    tally.last = judge(b, c, alarms, settings);
    tally[tally.last.outcome]++;
  }
  return tally;
}

describe('one judgement of a whole bake (a single look) on simulated traffic', () => {
  it(
    'an identical candidate at 1,000 req/min and 10 % weight fails ' +
      'in at most 1 % of 15-minute bakes and passes in at least 90 %',
    () => {
      // Act
      const t = simulate(A_A_RUNS, 1, BAKE, HEALTHY, HEALTHY);

      // Assess
      expect(t.fail / t.runs).toBeLessThanOrEqual(0.01);
      expect(t.pass / t.runs).toBeGreaterThanOrEqual(0.9);
    },
  );

  it('a candidate with three times the 5XX rate (1 % to 3 %) fails within one bake in at least 99 % of runs', () => {
    // Act
    const t = simulate(RUNS, 2, BAKE, HEALTHY, { ...HEALTHY, errorRate: 0.03 });

    // Assess
    expect(t.fail / t.runs).toBeGreaterThanOrEqual(0.99);
    expect(t.pass).toBe(0);
  });

  it(
    'at 100 req/min (about 150 candidate requests) the same bad candidate passes in at most 1 % of bakes: ' +
      'it fails or stays inconclusive',
    () => {
      // Act
      const t = simulate(RUNS, 3, { ...BAKE, requestsPerMinute: 100 }, HEALTHY, { ...HEALTHY, errorRate: 0.03 });

      // Assess
      expect(t.pass / t.runs).toBeLessThanOrEqual(0.01);
      expect(t.fail + t.inconclusive).toBe(t.runs);
    },
  );

  it('zero traffic is inconclusive', () => {
    // Act
    const t = simulate(RUNS, 4, { ...BAKE, requestsPerMinute: 0 }, HEALTHY, HEALTHY);

    // Assess
    expect(t.inconclusive).toBe(t.runs);
    expect(t.last?.reasons).toContain('no requests reached the baseline or the candidate in the window');
  });

  it('sparse data (3 minutes of a few requests) is inconclusive and never passes', () => {
    // Act
    const t = simulate(RUNS, 5, { requestsPerMinute: 50, candidateWeight: 0.1, minutes: 3 }, HEALTHY, HEALTHY);

    // Assess
    expect(t.pass).toBe(0);
    expect(t.inconclusive).toBe(t.runs);
  });

  it('a candidate 50 % slower at 1,000 req/min fails in at least 99 % of bakes', () => {
    // Act
    const t = simulate(RUNS, 6, BAKE, HEALTHY, { ...HEALTHY, latencyMs: 60 });

    // Assess
    expect(t.fail / t.runs).toBeGreaterThanOrEqual(0.99);
    expect(t.last?.reasons).toEqual([expect.stringContaining('candidate latency is worse than baseline')]);
  });

  it(
    'a candidate 4 % slower, well within the 20 % margin, on a busy endpoint: ' +
      'often significant, rolled back in at most 1 % of bakes',
    () => {
      // Prepare: 10,000 req/min at 25 %, so the minute-to-minute drift, not the request count, bounds what is seen
      const random = seededRandom(12);
      const busy: Traffic = { requestsPerMinute: 10_000, candidateWeight: 0.25, minutes: 15 };
      const tally = { significant: 0, fail: 0, pass: 0 };

      // Act
      for (let run = 0; run < RUNS; run++) {
        const b = window(
          'baseline',
          busy.requestsPerMinute * (1 - busy.candidateWeight),
          busy.minutes,
          HEALTHY,
          random,
        );
        const c = window(
          'candidate',
          busy.requestsPerMinute * busy.candidateWeight,
          busy.minutes,
          { ...HEALTHY, latencyMs: 41.6 },
          random,
        );
        const j = judge(b, c, [], DEFAULT_JUDGE_SETTINGS);
        if (j.evidence.latency!.pValueWorse <= j.evidence.tests!.levels.other) tally.significant++;
        if (j.outcome === 'pass' || j.outcome === 'fail') tally[j.outcome]++;
      }

      // Assess: significance alone would roll back about one in twelve of these acceptable candidates
      expect(tally.significant / RUNS).toBeGreaterThanOrEqual(0.05);
      expect(tally.fail / RUNS).toBeLessThanOrEqual(0.01);
      expect(tally.pass / RUNS).toBeGreaterThanOrEqual(0.95);
    },
  );

  it(
    'with latency the only thing that could differ (no errors anywhere), ' +
      'an identical candidate fails in at most alpha of bakes',
    () => {
      // Prepare
      const errorFree: Behaviour = { errorRate: 0, latencyMs: 40 };

      // Act
      const t = simulate(A_A_RUNS, 7, BAKE, errorFree, errorFree);

      // Assess
      expect(t.fail / t.runs).toBeLessThanOrEqual(DEFAULT_JUDGE_SETTINGS.alpha);
    },
  );

  it('an abort alarm in ALARM fails every bake, however healthy the metrics', () => {
    // Prepare
    const alarms: AlarmState[] = [
      { name: 'churn-5xx', state: 'OK' },
      { name: 'churn-latency-p99', state: 'ALARM' },
    ];

    // Act
    const t = simulate(RUNS, 8, BAKE, HEALTHY, HEALTHY, alarms);

    // Assess
    expect(t.fail).toBe(t.runs);
    expect(t.last?.reasons).toContain('abort alarm churn-latency-p99 is in ALARM');
  });

  it('an absolute 5XX limit fails a 20 % error candidate at once, on its first two minutes of traffic', () => {
    // Prepare
    const limit = { ...DEFAULT_JUDGE_SETTINGS, maxErrorRate: 0.05, minRequests: 100 };

    // Act
    const t = simulate(RUNS, 9, { ...BAKE, minutes: 2 }, HEALTHY, { ...HEALTHY, errorRate: 0.2 }, [], limit);

    // Assess
    expect(t.fail).toBe(t.runs);
    expect(t.last?.reasons[0]).toMatch(/^candidate 5XX rate .* is above the limit 5\.00 %$/);
  });
});
