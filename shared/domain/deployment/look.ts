// A look at a baking canary, every minute: the step's window so far, judged at the level this look may spend.
import { judge } from './judge';
import type { AlarmState, JudgeSettings, Judgement } from './judge-types';
import { levelsAt } from './rollout-budget';
import type { DeployedLine } from './line';
import type { Deployment } from './state';
import { beforeAfter, pairMinutes, rolloutBudget, type VariantMinutes } from './window';

export const judgeSettings = (line: DeployedLine): JudgeSettings => {
  const j = line.deployment.judge;
  return {
    minRequests: j.minRequests,
    errorRateMargin: j.errorRateMargin,
    errorRateRelativeMargin: j.errorRateRelativeMargin,
    latencyMargin: j.latencyMargin,
    alpha: j.alpha,
    ...(j.maxErrorRate !== undefined ? { maxErrorRate: j.maxErrorRate } : {}),
    ...(j.maxLatencyMs !== undefined ? { maxLatencyMs: j.maxLatencyMs } : {}),
    customMetrics: j.customMetrics.map((c) => ({ name: c.name, better: c.better, margin: c.margin })),
  };
};

/** Whether the bake (or its extension) has run its course: only then may a look pass the step. */
export const bakeOver = (canary: Deployment, now: Date) =>
  !!canary.nextActionAt && Date.parse(canary.nextActionAt) <= now.getTime();

/**
 * Judges the canary's current step on the minutes both variants reported. Its index among the step's looks is the
 * number of those minutes: a look with no new minute repeats the last one, on the same data at the same level.
 */
export function lookAtCanary(
  canary: Deployment,
  line: DeployedLine,
  [baseline, candidate]: [VariantMinutes, VariantMinutes],
  alarms: AlarmState[],
  now: Date,
): Judgement {
  const names = line.deployment.judge.customMetrics.map((c) => c.name);
  const paired = pairMinutes(baseline, candidate, names);
  const levels = levelsAt(rolloutBudget(line, canary.kind), canary.step, paired.minutes);
  const look = { index: paired.minutes, final: bakeOver(canary, now), levels };
  return judge(paired.baseline, paired.candidate, alarms, judgeSettings(line), look);
}

/**
 * Judges a replacement before/after: the baseline's minutes before the switch against the candidate's since, with
 * the canary's tests, limits and alarms over one bake. Its index among the looks is the candidate's minute count.
 */
export function lookAtReplacement(
  replacement: Deployment,
  line: DeployedLine,
  [before, after]: [VariantMinutes, VariantMinutes],
  alarms: AlarmState[],
  now: Date,
): Judgement {
  const names = line.deployment.judge.customMetrics.map((c) => c.name);
  const windows = beforeAfter(before, after, names);
  const levels = levelsAt(rolloutBudget(line, 'replace'), 0, windows.minutes);
  const look = { index: windows.minutes, final: bakeOver(replacement, now), levels };
  return judge(windows.baseline, windows.candidate, alarms, judgeSettings(line), look);
}
