// A static-threshold alarm policy, the way SageMaker deployment guardrails roll back (docs/canary-baseline.md): a
// CloudWatch alarm on the candidate variant's Invocation5XXErrors / Invocations in one-minute periods, in ALARM when
// at least N of the last M datapoints are above a threshold, evaluated every minute while a step bakes; ALARM rolls
// back, a bake that ends without one moves on. A benchmark baseline for Shepherd's judge, not product code.
import { judge } from '../../shared/domain/deployment/judge';
import { DEFAULT_JUDGE_SETTINGS, type Judgement } from '../../shared/domain/deployment/judge-types';
import { bakeOver } from '../../shared/domain/deployment/look';
import { MINUTE_MS, type MinuteMetrics } from '../../shared/domain/deployment/window';
import type { Decide } from './canary-simulation';

export interface StaticAlarmPolicy {
  /** 5XX errors per invocation; a datapoint breaches when above it (GreaterThanThreshold). */
  threshold: number;
  /** N: breaching datapoints that put the alarm in ALARM ... */
  datapointsToAlarm: number;
  /** M: ... among the last this many one-minute datapoints. */
  evaluationPeriods: number;
}

export type Datapoint = number | undefined;

/**
 * The variant's 5XX rate in each of the `periods` whole minutes before `now`, oldest first. A minute without
 * invocations has no datapoint (metric math's division by zero yields none), nor has a minute not reported yet.
 */
export function errorRateDatapoints(minutes: Map<number, MinuteMetrics>, now: number, periods: number): Datapoint[] {
  const last = Math.floor(now / MINUTE_MS) * MINUTE_MS - MINUTE_MS;
  return Array.from({ length: periods }, (_, i) => {
    const m = minutes.get(last - (periods - 1 - i) * MINUTE_MS);
    return m?.requests ? (m.errors ?? 0) / m.requests : undefined;
  });
}

/**
 * CloudWatch's "M out of N" evaluation with TreatMissingData `notBreaching`: ALARM when at least N of the last M
 * datapoints are above the threshold; a missing datapoint counts as within it.
 */
export function alarmState(datapoints: Datapoint[], policy: StaticAlarmPolicy): 'ALARM' | 'OK' {
  if (datapoints.length !== policy.evaluationPeriods) {
    throw new Error(`${datapoints.length} datapoints given for an alarm that evaluates ${policy.evaluationPeriods}`);
  }
  const breaching = datapoints.filter((d) => d !== undefined && d > policy.threshold).length;
  return breaching >= policy.datapointsToAlarm ? 'ALARM' : 'OK';
}

export const describePolicy = (p: StaticAlarmPolicy) =>
  `5XX rate > ${+(100 * p.threshold).toFixed(2)} % in ${p.datapointsToAlarm} of ${p.evaluationPeriods} minutes`;

// The state machine records a judgement's evidence; the alarm has none of the judge's, so an empty one stands in.
const EMPTY = { requests: 0, errors: 0, latencyPerMinute: [] };
const NO_EVIDENCE = judge({ variant: 'a', ...EMPTY }, { variant: 'b', ...EMPTY }, [], DEFAULT_JUDGE_SETTINGS).evidence;

/**
 * The policy as the canary's decider: the alarm on the candidate's minutes (whichever step they were served at, as
 * a real alarm sees them) fails the step at once; at the bake's end, without an alarm, the step passes.
 */
export function staticAlarmDecide(policy: StaticAlarmPolicy): Decide {
  const name = `static alarm (${describePolicy(policy)})`;
  return ({ canary, all: [, candidate], now }): Judgement => {
    const datapoints = errorRateDatapoints(candidate.minutes, now.getTime(), policy.evaluationPeriods);
    const state = alarmState(datapoints, policy);
    const evidence = { ...NO_EVIDENCE, alarms: [{ name, state }] };
    if (state === 'ALARM') return { outcome: 'fail', reasons: [`${name} is in ALARM`], evidence };
    if (bakeOver(canary, now)) return { outcome: 'pass', reasons: [`${name} stayed OK`], evidence };
    return { outcome: 'continue', reasons: [], evidence };
  };
}
