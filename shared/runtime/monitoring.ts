// Drift monitoring: the reconciler converges each monitored endpoint's job definition, schedule and alarm; the drift
// alarm's function reads the violations report. Each builds only the clients it calls.
import type { ModelLine } from '../config/schema';
import { DriftReports } from '../app/drift';
import * as LEFTOVER_GRANTS from '../app/leftover-grants';
import { MonitoringService } from '../app/monitoring';
import type { MonitoredLine } from '../domain/monitoring/converge';
import { driftChangeKey } from '../domain/retraining/lost';
import { logger, metrics } from '../observability/logger';
import { driftAlarms } from './alarms';
import { events, monitor, monitorExecutions, reports, timelines } from './clients';
import { lazy } from './lazy';
import { ONE_MINUTE_RUN_LEASE_MS, oncePerEvent } from './once';
import { decisionDeps } from './service-deps';

export const isMonitoredLine = (line: ModelLine): line is ModelLine & MonitoredLine =>
  line.monitoring !== undefined && line.deployment !== undefined;

export const monitoring = /* @__PURE__ */ lazy(
  // The reconciler's alone: the leftovers it takes on are as its role is granted.
  () =>
    new MonitoringService({
      monitor: monitor(),
      alarms: driftAlarms(),
      ...decisionDeps(),
      performs: LEFTOVER_GRANTS.reconcile,
    }),
);

export const driftReports = /* @__PURE__ */ lazy(
  () =>
    new DriftReports({
      executions: monitorExecutions(),
      reports: reports(),
      events: events(),
      timeline: timelines(),
      logger,
      metrics,
    }),
);

/**
 * One Drift Detected per change of the alarm Shepherd keeps into ALARM, however many deliveries of its event and
 * reconciler ticks ask: claimed by the change (alarm and state-change time), not by an event's id. A report that
 * cannot be read yet is thrown and the claim given back, for a retry.
 */
export const describeDriftOnce = (line: ModelLine & MonitoredLine, alarm: string, changedAt: string) => {
  const key = driftChangeKey(alarm, changedAt);
  return oncePerEvent('describeDrift', key, ONE_MINUTE_RUN_LEASE_MS, () =>
    driftReports().detected(line, { name: alarm, eventId: key, at: changedAt }),
  );
};
