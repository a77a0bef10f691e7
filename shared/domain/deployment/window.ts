// The window a look judges: the complete minutes since the step started that both variants have reported, or for a
// replacement the baseline's minutes before the switch against the candidate's since.
import type { VariantWindow } from './judge-types';
import type { RolloutBudget } from './rollout-budget';
import type { DeployedLine } from './line';
import type { Deployment } from './state';

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
 * When a step's weights took effect: when the endpoint last changed (`lastModified`), which Shepherd may notice a
 * tick's 15 minutes later when the event is lost. Never before the step was asked for (`requestedAt`: a change that
 * did not move LastModifiedTime leaves the previous one there), nor after `now` (AWS's clock is not ours); `now` when
 * either time is unknown.
 */
export function tookEffect(requestedAt: string | undefined, lastModified: string | undefined, now: Date): Date {
  const changed = Date.parse(lastModified ?? '');
  const asked = Date.parse(requestedAt ?? '');
  if (Number.isNaN(changed) || Number.isNaN(asked)) return now;
  return new Date(Math.min(now.getTime(), Math.max(asked, changed)));
}

/**
 * The minutes of a look: from the minute the step started in, up to but not including the minute in progress,
 * whose metrics are still incomplete.
 */
export const lookSpan = (stepStartedAt: Date, now: Date) => ({
  start: floorMinute(stepStartedAt),
  end: floorMinute(now),
});

/** A minute counts once both variants reported requests and errors for it. */
const reported = (m: MinuteMetrics | undefined): m is MinuteMetrics & { requests: number; errors: number } =>
  m?.requests !== undefined && m.errors !== undefined;

/**
 * One variant's window over the given minutes (each a key of its `minutes`); `paired`: the other side's window covers
 * the same minutes, so the judge may compare the two minute by minute.
 */
function windowOver(side: VariantMinutes, keys: number[], customNames: string[], paired = false): VariantWindow {
  const minutes = keys.map((at) => side.minutes.get(at)!);
  const values = (pick: (m: MinuteMetrics) => number | undefined) =>
    minutes.map(pick).filter((v): v is number => v !== undefined);
  return {
    variant: side.variant,
    requests: minutes.reduce((sum, m) => sum + (m.requests ?? 0), 0),
    errors: minutes.reduce((sum, m) => sum + (m.errors ?? 0), 0),
    latencyPerMinute: values((m) => m.latencyUs),
    latencyRequests: minutes.filter((m) => m.latencyUs !== undefined).map((m) => m.requests ?? 0),
    ...(paired ? { countsPerMinute: minutes.map((m) => ({ requests: m.requests ?? 0, errors: m.errors ?? 0 })) } : {}),
    ...(customNames.length
      ? { custom: Object.fromEntries(customNames.map((name) => [name, values((m) => m.custom?.[name])])) }
      : {}),
  };
}

const reportedMinutes = (side: VariantMinutes) =>
  [...side.minutes.keys()].filter((at) => reported(side.minutes.get(at))).sort((a, b) => a - b);

/**
 * Both variants over the same minutes. CloudWatch publishes a variant's minute late, or not at all when it served
 * nothing: a minute one side lacks is missing, not zero, and is left out of both sides until it arrives.
 */
export function pairMinutes(baseline: VariantMinutes, candidate: VariantMinutes, customNames: string[] = []) {
  const both = reportedMinutes(baseline).filter((at) => reported(candidate.minutes.get(at)));
  const spanRequests = (side: VariantMinutes) => [...side.minutes.values()].reduce((n, m) => n + (m.requests ?? 0), 0);
  return {
    baseline: { ...windowOver(baseline, both, customNames, true), spanRequests: spanRequests(baseline) },
    candidate: { ...windowOver(candidate, both, customNames, true), spanRequests: spanRequests(candidate) },
    minutes: both.length,
  };
}

/**
 * Before/after, for a replacement: the two sides never serve in the same minute, so each keeps the minutes it
 * reported. The look's index is the candidate's count: its minutes are what each look adds, the baseline's are
 * fixed before the switch.
 */
export function beforeAfter(baseline: VariantMinutes, candidate: VariantMinutes, customNames: string[] = []) {
  const after = reportedMinutes(candidate);
  return {
    baseline: windowOver(baseline, reportedMinutes(baseline), customNames),
    candidate: windowOver(candidate, after, customNames),
    minutes: after.length,
  };
}

/**
 * A replacement's spans: the baseline over the bake's length just before the minute of the switch (CloudWatch keeps
 * the old variant's metrics), the candidate from that minute on, up to the minute in progress.
 */
export function beforeAfterSpans(switchedAt: Date, bakeMinutes: number, now: Date) {
  const switched = floorMinute(switchedAt);
  return {
    baseline: { start: new Date(switched.getTime() - bakeMinutes * MINUTE_MS), end: switched },
    candidate: lookSpan(switchedAt, now),
  };
}

/**
 * What the line's budget is spread over: its judged steps, looks and extensions. A replacement (a serverless line's
 * way, see strategy.ts) judges one step, the whole rollout, which gets the whole budget.
 */
export const rolloutBudget = (
  line: DeployedLine,
  kind: Deployment['kind'] = line.deployment.serverless ? 'replace' : 'canary',
): RolloutBudget => {
  const settings = line.deployment;
  return {
    alpha: settings.judge.alpha,
    judgedWeights: kind === 'replace' ? [100] : settings.canarySteps.filter((weight) => weight < 100),
    bakeMinutes: settings.bakeMinutes,
    maxBakeExtensions: settings.maxBakeExtensions,
    otherTests: 1 + settings.judge.customMetrics.length,
  };
};
