// Whole canary rollouts on simulated traffic, driven through the real domain: the deployment state machine, a look
// every minute (lookAtCanary) and its verdicts (onJudged). Only the endpoint and CloudWatch are simulated: weights
// take effect a few seconds after they are asked for, and a minute's metrics are there at the next tick.
import type { Judgement } from '../../shared/domain/deployment/judge-types';
import { onJudged } from '../../shared/domain/deployment/judged';
import { lookAtCanary } from '../../shared/domain/deployment/look';
import { onEndpointObserved } from '../../shared/domain/deployment/progress';
import type { DeployedLine } from '../../shared/domain/deployment/line';
import { startDeployment } from '../../shared/domain/deployment/start';
import { emptyDeploymentState, type Deployment, type DeploymentState } from '../../shared/domain/deployment/state';
import { MINUTE_MS, type MinuteMetrics, type VariantMinutes } from '../../shared/domain/deployment/window';
import { logNormal, seededRandom } from '../../local/traffic/random';
import { churnLine, pkg, servingV1, STACK } from './deployment';

type Random = () => number;
export interface Behaviour {
  errorRate: number;
  latencyMs: number;
}
export interface RolloutCase {
  requestsPerMinute: number;
  baseline: Behaviour;
  candidate: Behaviour;
  /** From this minute of the rollout on, both variants serve this error rate (an upstream incident). */
  incident?: { fromMinute: number; errorRate: number };
}
export interface RolloutResult {
  outcome: 'promoted' | 'rolled_back' | 'held' | 'unfinished';
  /** The step (0-based) that ended the rollout, and its candidate weight. */
  step: number;
  weight: number;
  /** From the moment the endpoint served the step's weight to the request that set the candidate to 0. */
  secondsToRollback?: number;
  /** The same from the moment the endpoint first served the candidate, at the first step. */
  secondsFromFirstStep?: number;
  /** The verdict's reasons when it ended the rollout. */
  reasons?: string[];
}

// Per-minute ModelLatency averages: each request log-normal with a 20 ms spread, averaged over the minute's
// requests, plus 2 ms of minute-to-minute drift on the variant's instances.
const REQUEST_SPREAD_MS = 20;
const MINUTE_DRIFT_MS = 2;
const LIMIT_MS = 6 * 60 * MINUTE_MS;
const { exp } = Math;

/**
 * Poisson by inversion in chunks of at most 500, so exp(-chunk) never underflows: one draw per chunk, not per
 * request.
 */
export function poissonCount(lambda: number, random: Random): number {
  let k = 0;
  for (let left = lambda; left > 0; left -= 500) {
    const mu = Math.min(left, 500);
    const u = random();
    let j = 0;
    for (let pmf = exp(-mu), cdf = pmf; u > cdf && j < 10 * mu + 100; cdf += pmf) pmf *= mu / ++j;
    k += j;
  }
  return k;
}

/** Binomial by inversion: cheap for the small rates simulated here. */
export function binomial(n: number, p: number, random: Random): number {
  if (n === 0 || p <= 0) return 0;
  if (p >= 1) return n;
  let pmf = (1 - p) ** n;
  let u = random();
  let k = 0;
  while (u > pmf && k < n) {
    u -= pmf;
    pmf *= ((n - k) / (k + 1)) * (p / (1 - p));
    k++;
  }
  return k;
}

function minuteOf(
  requests: number,
  behaviour: Behaviour,
  errorRate: number,
  random: Random,
): MinuteMetrics | undefined {
  if (requests === 0) return undefined;
  const spread = Math.sqrt(MINUTE_DRIFT_MS ** 2 + REQUEST_SPREAD_MS ** 2 / requests);
  return {
    requests,
    errors: binomial(requests, errorRate, random),
    latencyUs: 1000 * logNormal(behaviour.latencyMs, spread, random),
  };
}

/** A minute's look at the baking step. `sinceStep`: both variants' minutes since the step began; `all`: since the
 * rollout began. */
export interface Look {
  canary: Deployment;
  line: DeployedLine;
  sinceStep: [VariantMinutes, VariantMinutes];
  all: [VariantMinutes, VariantMinutes];
  now: Date;
}
/** What judges each look: Shepherd's judge, or a benchmark baseline standing in for it (test/helpers/static-alarm). */
export type Decide = (look: Look) => Judgement;
export const shepherdJudge: Decide = ({ canary, line, sinceStep, now }) =>
  lookAtCanary(canary, line, sinceStep, [], now);
export interface SimulationOptions {
  /** The example churn line by default. */
  line?: DeployedLine;
  decide?: Decide;
  /**
   * Each rollout draws from a seed of its own (the tally's seed and its index), so rollout k of two policies sees the
   * same traffic until their decisions part; by default one stream runs through all rollouts.
   */
  seedEach?: boolean;
}

/** One rollout, seeded. */
export function simulateRollout(
  c: RolloutCase,
  random: Random,
  { line = churnLine(), decide = shepherdJudge }: SimulationOptions = {},
): RolloutResult {
  const t0 = Math.floor(random() * MINUTE_MS);
  let d = startDeployment(emptyDeploymentState(line.deployment.endpointName), line, pkg(2), servingV1, new Date(0));
  let state: DeploymentState = d.state!;
  // The candidate's weight as the endpoint serves it: [from, weight] changes, in time order.
  const served: [number, number][] = [[0, 0]];
  let applyAt: number | undefined = t0;
  let firstStepStart: number | undefined;
  const minutes: VariantMinutes[] = [
    { variant: state.active!.baseline!.variant, minutes: new Map() },
    { variant: state.active!.candidate.variant, minutes: new Map() },
  ];
  for (let tick = MINUTE_MS; tick <= LIMIT_MS; tick += MINUTE_MS) {
    if (applyAt !== undefined && applyAt < tick) {
      served.push([applyAt, state.active!.weight]);
      state = onEndpointObserved(
        state,
        line,
        { status: 'InService', configName: state.active!.expectConfig },
        new Date(applyAt),
      ).state!;
      applyAt = undefined;
    }
    const start = tick - MINUTE_MS;
    const share =
      served.reduce((sum, [from, weight], i) => {
        const until = served[i + 1]?.[0] ?? tick;
        return sum + (weight / 100) * Math.max(0, Math.min(until, tick) - Math.max(from, start));
      }, 0) / MINUTE_MS;
    const incident = c.incident && start >= c.incident.fromMinute * MINUTE_MS ? c.incident.errorRate : undefined;
    const sides = [
      { behaviour: c.baseline, rate: c.requestsPerMinute * (1 - share) },
      { behaviour: c.candidate, rate: c.requestsPerMinute * share },
    ];
    sides.forEach(({ behaviour, rate }, i) => {
      const metrics = minuteOf(poissonCount(rate, random), behaviour, incident ?? behaviour.errorRate, random);
      if (metrics) minutes[i]!.minutes.set(start, metrics);
    });
    const a = state.active!;
    if (a.status !== 'baking') continue;
    firstStepStart ??= Date.parse(a.bakeStartedAt!);
    const from = Math.floor(Date.parse(a.bakeStartedAt!) / MINUTE_MS) * MINUTE_MS;
    const span = minutes.map((m) => ({ ...m, minutes: new Map([...m.minutes].filter(([at]) => at >= from)) }));
    const now = new Date(tick);
    const verdict = decide({ canary: a, line, sinceStep: [span[0]!, span[1]!], all: [minutes[0]!, minutes[1]!], now });
    d = onJudged(state, line, verdict, new Date(tick), STACK);
    if (!d.state) continue;
    state = d.state;
    const next = state.active!;
    const stepStart = Date.parse(a.bakeStartedAt!);
    if (next.status === 'draining') {
      return {
        outcome: 'rolled_back',
        step: a.step,
        weight: a.weight,
        secondsToRollback: (tick - stepStart) / 1000,
        secondsFromFirstStep: (tick - firstStepStart) / 1000,
        reasons: verdict.reasons,
      };
    }
    if (next.status === 'promoting') return { outcome: 'promoted', step: a.step, weight: a.weight };
    if (next.status === 'held') return { outcome: 'held', step: a.step, weight: a.weight };
    if (next.status === 'shifting') applyAt = tick + 10_000 + Math.floor(random() * 40_000);
  }
  return { outcome: 'unfinished', step: state.active!.step, weight: state.active!.weight };
}

export interface RolloutTally {
  runs: number;
  promoted: number;
  rolledBack: number;
  /** Rolled back at the first step. */
  rolledBackFirstStep: number;
  held: number;
  /** Seconds from the rolled-back step's start to the weight-0 request, sorted. */
  secondsToRollback: number[];
  /** Seconds from the first step's start to the weight-0 request, sorted. */
  secondsFromFirstStep: number[];
}

/** The random stream of rollout `run` of a tally seeded `seed`, when each rollout has a seed of its own. */
export const rolloutRandom = (seed: number, run: number) => seededRandom(seed * 65_537 + run);

export function simulateRollouts(
  c: RolloutCase,
  runs: number,
  seed: number,
  options: SimulationOptions = {},
): RolloutTally {
  const shared = seededRandom(seed);
  const tally: RolloutTally = {
    runs,
    promoted: 0,
    rolledBack: 0,
    rolledBackFirstStep: 0,
    held: 0,
    secondsToRollback: [],
    secondsFromFirstStep: [],
  };
  for (let run = 0; run < runs; run++) {
    const random = options.seedEach ? rolloutRandom(seed, run) : shared;
    const r = simulateRollout(c, random, options);
    if (r.outcome === 'promoted') tally.promoted++;
    if (r.outcome === 'held') tally.held++;
    if (r.outcome === 'rolled_back') {
      tally.rolledBack++;
      if (r.step === 0) tally.rolledBackFirstStep++;
      tally.secondsToRollback.push(r.secondsToRollback!);
      tally.secondsFromFirstStep.push(r.secondsFromFirstStep!);
    }
  }
  tally.secondsToRollback.sort((a, b) => a - b);
  tally.secondsFromFirstStep.sort((a, b) => a - b);
  return tally;
}

/** The q-quantile (0..1) of sorted values, by the nearest rank. */
export const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
