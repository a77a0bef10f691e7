// The canary's targets, measured on seeded whole-rollout simulations (the same driver as test/unit/canary-rollouts):
// each figure beside its goal and a verdict, so a change of method or budget shows its price at once.
import { quantile, simulateRollouts, type Behaviour, type RolloutCase } from '../helpers/canary-simulation';

const HEALTHY: Behaviour = { errorRate: 0.01, latencyMs: 40 };
const BUSY = 1000;

export interface CanaryFigure {
  what: string;
  value: number;
  goal: string;
  ok: boolean;
  unit: string;
}

type Goal = ['<=' | '>=', number];

const share = (n: number, runs: number) => (100 * n) / runs;

export function canaryFigures(runs: number): CanaryFigure[] {
  const play = (c: RolloutCase, seed: number) => simulateRollouts(c, runs, seed);
  const aa = play({ requestsPerMinute: BUSY, baseline: HEALTHY, candidate: HEALTHY }, 11);
  const bad = play({ requestsPerMinute: BUSY, baseline: HEALTHY, candidate: { ...HEALTHY, errorRate: 0.03 } }, 12);
  const awful = play({ requestsPerMinute: BUSY, baseline: HEALTHY, candidate: { ...HEALTHY, errorRate: 0.2 } }, 13);
  const incident = { fromMinute: 7, errorRate: 0.03 };
  const both = play({ requestsPerMinute: BUSY, baseline: HEALTHY, candidate: HEALTHY, incident }, 14);
  const quiet = play({ requestsPerMinute: 100, baseline: HEALTHY, candidate: { ...HEALTHY, errorRate: 0.03 } }, 15);
  const minutes = (s: number | undefined) => (s ?? Number.POSITIVE_INFINITY) / 60;
  const within = (sorted: number[], seconds: number) => share(sorted.filter((s) => s <= seconds).length, runs);
  // Each figure once, its verdict derived from the goal it is printed with.
  const figure = (what: string, value: number, [op, limit]: Goal, unit: string): CanaryFigure => ({
    what,
    value,
    goal: `${op} ${limit}`,
    ok: op === '<=' ? value <= limit : value >= limit,
    unit,
  });
  return [
    figure('A/A: rolled back', share(aa.rolledBack, runs), ['<=', 1], '%'),
    figure('A/A: promoted', share(aa.promoted, runs), ['>=', 90], '%'),
    figure('3x 5XX: out in the first step', within(bad.secondsToRollback, 900), ['>=', 99], '%'),
    figure('3x 5XX: to weight 0, median', minutes(quantile(bad.secondsToRollback, 0.5)), ['<=', 6], 'min'),
    figure('3x 5XX: to weight 0, p90', minutes(quantile(bad.secondsToRollback, 0.9)), ['<=', 9], 'min'),
    figure('20 % 5XX: out within 2 min', within(awful.secondsToRollback, 120), ['>=', 99], '%'),
    figure('incident on both: rolled back', share(both.rolledBack, runs), ['<=', 1], '%'),
    figure('3x at 100 req/min: promoted', share(quiet.promoted, runs), ['<=', 1], '%'),
  ];
}
