// Tuning the static-threshold alarm to a false-rollback budget: each rollout recorded once as it runs when no alarm
// fires, then every policy replayed on the records. Up to its first ALARM a rollout is the same whatever the policy
// (the decider draws no random numbers), so a replay finds exactly the look at which the policy would have rolled
// back that rollout, as simulateRollouts with staticAlarmDecide and `seedEach` would.
import type { MinuteMetrics } from '../../shared/domain/deployment/window';
import { quantile, rolloutRandom, simulateRollout, type RolloutCase } from './canary-simulation';
import {
  alarmState,
  type Datapoint,
  errorRateDatapoints,
  staticAlarmDecide,
  type StaticAlarmPolicy,
} from './static-alarm';

export interface Trajectory {
  /** The virtual times of the looks at a baking step. */
  looks: number[];
  /** The candidate's minutes, by minute start. */
  candidate: Map<number, MinuteMetrics>;
  /** When the endpoint first served the candidate. */
  firstStepStart: number;
}

const NEVER = staticAlarmDecide({ threshold: Number.POSITIVE_INFINITY, datapointsToAlarm: 1, evaluationPeriods: 1 });

/** Rollout k of `runs` of the case, seeded as simulateRollouts seeds it with `seedEach`, with no alarm ever firing. */
export function recordTrajectories(c: RolloutCase, runs: number, seed: number): Trajectory[] {
  return Array.from({ length: runs }, (_, run) => {
    const t: Trajectory = { looks: [], candidate: new Map(), firstStepStart: Number.NaN };
    simulateRollout(c, rolloutRandom(seed, run), {
      decide: (look) => {
        t.looks.push(look.now.getTime());
        t.candidate = look.all[1].minutes;
        if (Number.isNaN(t.firstStepStart)) t.firstStepStart = Date.parse(look.canary.bakeStartedAt!);
        return NEVER(look);
      },
    });
    return t;
  });
}

const MAX_PERIODS = 5;
// The last MAX_PERIODS datapoints at each look, read once per trajectory: the search replays each many times.
const windows = new WeakMap<Trajectory, Datapoint[][]>();
const windowsOf = (t: Trajectory) => {
  let w = windows.get(t);
  if (!w) windows.set(t, (w = t.looks.map((at) => errorRateDatapoints(t.candidate, at, MAX_PERIODS))));
  return w;
};

/** Seconds from the first step's start to the look at which the policy's alarm is first in ALARM, if it ever is. */
export function firstAlarmSeconds(policy: StaticAlarmPolicy, t: Trajectory): number | undefined {
  if (policy.evaluationPeriods > MAX_PERIODS) throw new Error(`alarms of up to ${MAX_PERIODS} periods are replayed`);
  const i = windowsOf(t).findIndex((w) => alarmState(w.slice(-policy.evaluationPeriods), policy) === 'ALARM');
  return i < 0 ? undefined : (t.looks[i]! - t.firstStepStart) / 1000;
}

export interface PolicyFigures {
  policy: StaticAlarmPolicy;
  falseRollbacks: number;
  /** Seconds to the rollback of each bad rollout caught, sorted. */
  detectSeconds: number[];
  p90DetectSeconds: number | undefined;
}

/** Thresholds tried, 0.5 % to 30 % by quarter points; datapoints N of M for every M up to 5. */
const THRESHOLDS = Array.from({ length: 119 }, (_, i) => (2 + i) / 400);

/** How many of `xs` pass, counting no further than `cap`. */
function countUpTo<T>(xs: T[], cap: number, pass: (x: T) => boolean): number {
  let n = 0;
  for (const x of xs) if (pass(x) && ++n >= cap) break;
  return n;
}

/** The first of ascending `xs` that `ok` holds for, when it holds for every one after it too (a binary search). */
function lowest(xs: number[], ok: (x: number) => boolean): number | undefined {
  let [lo, hi] = [0, xs.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ok(xs[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return xs[lo];
}

function figures(policy: StaticAlarmPolicy, identical: Trajectory[], bad: Trajectory[]): PolicyFigures {
  const falseRollbacks = identical.filter((t) => firstAlarmSeconds(policy, t) !== undefined).length;
  const detectSeconds = bad
    .map((t) => firstAlarmSeconds(policy, t))
    .filter((s): s is number => s !== undefined)
    .sort((a, b) => a - b);
  return { policy, falseRollbacks, detectSeconds, p90DetectSeconds: quantile(detectSeconds, 0.9) };
}

/**
 * The policy that catches the most bad rollouts (then the soonest at p90) among those that roll back at most
 * `maxFalseRollbacks` of the identical ones. For each N of M, the lowest threshold within the budget is the most
 * sensitive: a higher one only breaches less.
 */
export function tuneStaticAlarm(identical: Trajectory[], bad: Trajectory[], maxFalseRollbacks: number): PolicyFigures {
  const best: PolicyFigures[] = [];
  for (let evaluationPeriods = 1; evaluationPeriods <= MAX_PERIODS; evaluationPeriods++) {
    for (let datapointsToAlarm = 1; datapointsToAlarm <= evaluationPeriods; datapointsToAlarm++) {
      const within = (threshold: number) =>
        countUpTo(identical, maxFalseRollbacks + 1, (t) => {
          return firstAlarmSeconds({ threshold, datapointsToAlarm, evaluationPeriods }, t) !== undefined;
        }) <= maxFalseRollbacks;
      const threshold = lowest(THRESHOLDS, within);
      if (threshold !== undefined)
        best.push(figures({ threshold, datapointsToAlarm, evaluationPeriods }, identical, bad));
    }
  }
  const p90 = (f: PolicyFigures) => f.p90DetectSeconds ?? Number.POSITIVE_INFINITY;
  best.sort((a, b) => b.detectSeconds.length - a.detectSeconds.length || p90(a) - p90(b));
  if (!best[0]) throw new Error(`no static alarm up to ${THRESHOLDS.at(-1)} keeps within ${maxFalseRollbacks}`);
  return best[0];
}
