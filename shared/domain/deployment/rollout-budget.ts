// How a whole rollout's false-fail budget is split: over its judged steps, over the tests of a step, and so into
// the look plan of one test in one step, whose boundaries sequential.ts computes. Apart from sequential.ts because
// this is the policy (which step and test needs the budget most), that is the mathematics.
import { type LookPlan, levelAt } from './sequential';

/**
 * The error rate's share of a step's budget; latency and the custom metrics share the rest. The error rate is the
 * one that must act within minutes; latency has `maxLatencyMs` and the abort alarms to act at once as well, and a
 * rank test over per-minute means needs little budget to find a material slowdown (50 % slower fails 99 % of bakes).
 */
export const ERROR_RATE_SHARE = 0.95;

/** What the budget of a whole rollout is split over. */
export interface RolloutBudget {
  /** False-fail probability of a whole rollout of an identical candidate: every step, look and extension. */
  alpha: number;
  /** Candidate weights of the judged steps (the canary steps below 100). */
  judgedWeights: number[];
  bakeMinutes: number;
  maxBakeExtensions: number;
  /** Tests besides the error rate: latency and each custom metric. */
  otherTests: number;
}

/**
 * The first judged step's share of the rollout's budget; the later steps split the rest evenly. The first step is
 * where a bad candidate hurts the fewest users and where it sees the least traffic, so it needs the most budget to
 * act within minutes; later steps see several times the candidate traffic and act as fast on less.
 */
export const FIRST_STEP_SHARE = 0.95;

export function stepShare(judgedWeights: number[], step: number): number {
  if (step < 0 || step >= judgedWeights.length) return 0;
  if (judgedWeights.length === 1) return 1;
  return step === 0 ? FIRST_STEP_SHARE : (1 - FIRST_STEP_SHARE) / (judgedWeights.length - 1);
}

/**
 * A look's index is the number of minutes in its window, which starts with the partial minute the step took effect
 * in; the bake ends within its last minute, complete only at the next look, so its final look holds one minute more
 * than the bake (16 for 15: test/unit/bake-looks.test.ts). Each extension runs from that look: its own minutes.
 */
export function lookPlan(budget: RolloutBudget, step: number, test: 'errorRate' | 'other'): LookPlan {
  const share = test === 'errorRate' ? ERROR_RATE_SHARE : (1 - ERROR_RATE_SHARE) / Math.max(1, budget.otherTests);
  return {
    alpha: budget.alpha * stepShare(budget.judgedWeights, step) * share,
    bakeLooks: budget.bakeMinutes + 1,
    extensionLooks: budget.bakeMinutes * budget.maxBakeExtensions,
  };
}

/** The levels of look `look` (1-based: the number of minutes in the window) of step `step`. */
export function levelsAt(budget: RolloutBudget, step: number, look: number): { errorRate: number; other: number } {
  return {
    errorRate: levelAt(lookPlan(budget, step, 'errorRate'), look),
    other: levelAt(lookPlan(budget, step, 'other'), look),
  };
}
