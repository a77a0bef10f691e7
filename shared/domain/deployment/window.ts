// The window a look judges: the complete minutes since the step started that both variants have reported.
import type { VariantWindow } from './judge';
import type { RolloutBudget } from './sequential';
import type { DeployedLine } from './start';

/** One variant's metrics of one minute, as CloudWatch reports them (absent: not reported, yet or at all). */
export interface MinuteMetrics {
  requests?: number;
  errors?: number;
  /** ModelLatency Average, microseconds. */
  latencyUs?: number;
  custom?: Record<string, number>;
}

/** One variant's minutes, keyed by the minute's start (epoch milliseconds). */
export interface VariantMinutes {
  variant: string;
  minutes: Map<number, MinuteMetrics>;
}

export const MINUTE_MS = 60_000;
export const floorMinute = (at: Date) => new Date(Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS);

/**
 * The minutes of a look: from the minute the step started in, up to but not including the minute in progress,
 * whose metrics are still incomplete.
 */
export const lookSpan = (stepStartedAt: Date, now: Date) => ({ start: floorMinute(stepStartedAt), end: floorMinute(now) });

/** A minute counts once both variants reported requests and errors for it. */
const reported = (m: MinuteMetrics | undefined): m is MinuteMetrics & { requests: number; errors: number } =>
  m?.requests !== undefined && m.errors !== undefined;

/**
 * Both variants over the same minutes. CloudWatch publishes a variant's minute late, or not at all when it served
 * nothing: a minute one side lacks is missing, not zero, and is left out of both sides until it arrives.
 */
export function pairMinutes(baseline: VariantMinutes, candidate: VariantMinutes, customNames: string[] = []) {
  const both = [...baseline.minutes.keys()]
    .filter((at) => reported(baseline.minutes.get(at)) && reported(candidate.minutes.get(at)))
    .sort((a, b) => a - b);
  const windowOf = (side: VariantMinutes): VariantWindow => {
    const minutes = both.map((at) => side.minutes.get(at)!);
    const values = (pick: (m: MinuteMetrics) => number | undefined) =>
      minutes.map(pick).filter((v): v is number => v !== undefined);
    return {
      variant: side.variant,
      requests: minutes.reduce((sum, m) => sum + (m.requests ?? 0), 0),
      errors: minutes.reduce((sum, m) => sum + (m.errors ?? 0), 0),
      latencyPerMinute: values((m) => m.latencyUs),
      ...(customNames.length
        ? { custom: Object.fromEntries(customNames.map((name) => [name, values((m) => m.custom?.[name])])) }
        : {}),
    };
  };
  return { baseline: windowOf(baseline), candidate: windowOf(candidate), minutes: both.length };
}

/** What the line's budget is spread over: its judged steps, looks and extensions. */
export const rolloutBudget = (line: DeployedLine): RolloutBudget => {
  const d = line.deployment;
  return {
    alpha: d.judge.alpha,
    judgedWeights: d.canarySteps.filter((weight) => weight < 100),
    bakeMinutes: d.bakeMinutes,
    maxBakeExtensions: d.maxBakeExtensions,
    otherTests: 1 + d.judge.customMetrics.length,
  };
};
