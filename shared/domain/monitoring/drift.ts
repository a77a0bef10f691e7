// The drift alarm fired: which features drifted, from the constraint violations report of the execution that
// raised it, becomes the `Drift Detected` event and a timeline entry.
import type { Action } from '../actions';
import { record } from '../decisions';
import { shortHash } from '../names';

/** An execution of a monitoring schedule, as ListMonitoringExecutions summarises it. */
export interface ExecutionSeen {
  scheduledAt: string;
  status: string;
  processingJobArn?: string;
}

// The alarm looks at two hourly periods, and an execution may start 20 minutes after its hour and run an hour: the
// one whose metrics raised it was scheduled less than three hours before the alarm changed (docs/aws-model-monitor.md).
const RAISED_WITHIN_MS = 3 * 3_600_000;

/** When the execution that raised an alarm change at `changedAt` was scheduled: after `after`, before `before`. */
export function raisingWindow(changedAt: string): { after: Date; before: Date } {
  const before = new Date(changedAt);
  return { after: new Date(before.getTime() - RAISED_WITHIN_MS), before };
}

/**
 * The execution an alarm change refers to, of those scheduled in its window (newest first): the newest that found
 * violations (drift is one), else the newest that completed. A later execution, scheduled after the change, is
 * never it, however late the change is described.
 */
export function raisingExecution(executions: ExecutionSeen[]): ExecutionSeen | undefined {
  return (
    executions.find((e) => e.status === 'CompletedWithViolations') ?? executions.find((e) => e.status === 'Completed')
  );
}

/** The execution an alarm change refers to as SageMaker describes it, and its report if one could be read. */
export interface DriftEvidence {
  scheduledAt?: string;
  executionStatus?: string;
  reportUri?: string;
  /** The report's JSON as read; undefined when there was none to read. */
  report?: unknown;
}

// The analyzer's check for a feature whose distribution moved away from the baseline (docs/aws-model-monitor.md).
const DRIFT_CHECK = 'baseline_drift_check';

interface Violation {
  feature_name?: unknown;
  constraint_check_type?: unknown;
  description?: unknown;
}

/** Features with a baseline drift violation, once each, in the report's order; other violations apart. */
export function violationsOf(report: unknown): { drifted: string[]; other: string[] } {
  const list = (report as { violations?: unknown } | undefined)?.violations;
  const violations = Array.isArray(list) ? (list as Violation[]) : [];
  const named = violations.filter((v): v is Violation & { feature_name: string } => typeof v.feature_name === 'string');
  const drifted = named.filter((v) => v.constraint_check_type === DRIFT_CHECK).map((v) => v.feature_name);
  const other = named
    .filter((v) => v.constraint_check_type !== DRIFT_CHECK)
    .map((v) => `${v.feature_name}: ${String(v.constraint_check_type)}`);
  return { drifted: [...new Set(drifted)], other: [...new Set(other)] };
}

// A wide data set can have thousands of violations: the event (EventBridge takes 256 KB an entry) and the timeline
// entry (DynamoDB takes 400 KB an item) name the first ones and count them all; the report itself has every one.
const LISTED = 100;
const NAME_CHARS = 256;
const IN_MESSAGE = 10;
const listed = (names: string[]) => names.slice(0, LISTED).map((name) => name.slice(0, NAME_CHARS));

export function driftDetected(
  line: { name: string; deployment: { endpointName: string } },
  alarm: { name: string; eventId: string; at: string },
  evidence: DriftEvidence,
): Action[] {
  const { drifted, other } = violationsOf(evidence.report);
  const features = listed(drifted);
  const detail = {
    model: line.name,
    endpointName: line.deployment.endpointName,
    alarmName: alarm.name,
    features,
    featureCount: drifted.length,
    otherViolations: listed(other),
    otherViolationCount: other.length,
    ...(evidence.scheduledAt ? { executionScheduledAt: evidence.scheduledAt } : {}),
    ...(evidence.executionStatus ? { executionStatus: evidence.executionStatus } : {}),
    ...(evidence.reportUri ? { reportUri: evidence.reportUri } : {}),
  };
  const more = drifted.length > IN_MESSAGE ? ` (${drifted.length} features in all)` : '';
  const what = drifted.length
    ? `features ${features.slice(0, IN_MESSAGE).join(', ')}${more}`
    : 'no feature named by the report';
  const message = `drift on ${line.deployment.endpointName}: ${what}`;
  return [
    record(line.name, alarm.at, `drift-${shortHash(alarm.eventId, 12)}`, 'DriftDetected', message, detail),
    { type: 'publishEvent', detailType: 'Drift Detected', detail },
  ];
}
