// One item per monitored endpoint: what Shepherd last made sure of, and what it found out (where the metrics are).
import type { Decision } from '../decisions';
import type { BaseliningObservation } from './baseline';
import type { DriftMetrics, LiveAlarm } from './drift-alarm';

export interface MonitoringState {
  endpoint: string;
  version: number;
  /** The promoted package monitoring was last confirmed for: `Monitoring Ensured` is said once per promotion. */
  ensuredFor?: string;
  /** The job definition seen to exist: it is not looked up again while the config says the same. */
  jobDefinition?: string;
  /** The schedule was seen: missing afterwards means it disappeared. */
  scheduleSeen?: boolean;
  /** Shepherd deleted the schedule to recreate it: missing is expected, not an alert. */
  recreating?: boolean;
  /** The failure last alerted (an execution's scheduled time, or the schedule's own failure), so it is said once. */
  alerted?: string;
  /** Where the executions publish, found with ListMetrics after the first one. */
  metrics?: DriftMetrics;
  /** The promotion (package) `metrics` were found for, and when: a new model may publish other features. */
  metricsFor?: { arn: string; at: string };
  /** A hash of the alarm as last put: changed settings or found metrics put it again. */
  alarm?: string;
  /** The baselining job whose failure was last alerted, so it is said once. */
  baselineAlerted?: string;
  /** Requests AWS refused for good (see `requestKey`): not asked again until the config changes them. */
  refused?: string[];
}

export interface ScheduleObservation {
  exists: boolean;
  status?: string;
  failureReason?: string;
  definition?: string;
  lastModified?: string;
  lastExecution?: { status: string; scheduledAt: string; failureReason?: string };
}

/** What the reconciler read this tick. `metrics`: ListMetrics' find, when it was asked. */
export interface MonitoringObservation {
  /** The package the endpoint was last promoted to (the first model included); none: nothing to watch yet. */
  promoted?: { arn: string; at: string };
  jobDefinitionExists: boolean;
  schedule: ScheduleObservation;
  alarmExists: boolean;
  /** The drift alarm as DescribeAlarms lists it, when it exists. */
  alarm?: LiveAlarm;
  metrics?: DriftMetrics;
  /** The baselining job of this promotion, with a baseline suggested from training data; undefined: none exists. */
  baselining?: BaseliningObservation;
}

export type MonitoringDecision = Decision<MonitoringState>;

export const emptyMonitoringState = (endpoint: string): MonitoringState => ({ endpoint, version: 0 });

// ListMetrics with RecentlyActive lists a metric that had data in the past three hours, give or take 50 minutes, and
// the last execution over the previous model's traffic may publish up to 1 h 20 after the promotion (20 minutes
// late, an hour's run): after six hours only the new model's features are listed (docs/aws-model-monitor.md).
const OLD_FEATURES_LISTED_MS = 6 * 3_600_000;

/**
 * A look-up of where the metrics are, and which features they cover, is worth its calls once an execution could have
 * published them: the first ever; then, after each promotion, once an execution over the new model's traffic
 * completed (it may publish other features), and again at each look until the previous model's have dropped out.
 */
export function wantsMetrics(
  state: MonitoringState,
  schedule: ScheduleObservation,
  promoted: { arn: string; at: string },
): boolean {
  const last = schedule.lastExecution;
  if (!last || !/^Completed/.test(last.status)) return false;
  if (!state.metrics) return true;
  if (Date.parse(last.scheduledAt) < Date.parse(promoted.at)) return false;
  const found = state.metricsFor;
  return found?.arn !== promoted.arn || Date.parse(found.at) - Date.parse(promoted.at) < OLD_FEATURES_LISTED_MS;
}

// Executions run hourly at most: a look every ten minutes finds a failed or vanished schedule well before the next.
const LOOK_EVERY_MINUTES = 10;

/**
 * Whether this tick looks at what exists: at once after a promotion, while earlier requests are still pending or a
 * deleted schedule waits to be created again, and every ten minutes otherwise (not every minute: each look is three
 * or four calls to AWS per endpoint).
 */
export const lookDue = (state: MonitoringState, promotedArn: string, pending: number, now: Date): boolean =>
  state.ensuredFor !== promotedArn ||
  pending > 0 ||
  state.recreating === true ||
  now.getUTCMinutes() % LOOK_EVERY_MINUTES === 0;
