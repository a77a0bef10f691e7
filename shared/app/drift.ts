// The drift alarm Shepherd keeps went into ALARM: the features that drifted, read from the constraint violations
// report of the execution that raised it (not the schedule's last one: a description that comes late, retried or
// asked by the reconciler, may come after the next execution), are recorded and published as `Drift Detected`.
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { EventsAdapter } from '../aws/events';
import type { ReportsAdapter } from '../aws/s3-reports';
import type { MonitorExecutionsAdapter } from '../aws/sagemaker-monitor-executions';
import type { MonitoredLine } from '../domain/monitoring/converge';
import {
  driftDetected,
  raisingExecution,
  raisingWindow,
  violationsOf,
  type DriftEvidence,
} from '../domain/monitoring/drift';
import { scheduleName } from '../domain/monitoring/requests';
import type { TimelineStore } from '../state/timeline';

export interface DriftDeps {
  executions: MonitorExecutionsAdapter;
  reports: ReportsAdapter;
  events: EventsAdapter;
  timeline: TimelineStore;
  logger: Logger;
  metrics: Metrics;
}

// The analyzer writes this file next to its statistics in the execution's output (docs/aws-model-monitor.md).
const VIOLATIONS = 'constraint_violations.json';

export class DriftReports {
  constructor(private readonly deps: DriftDeps) {}

  /** The execution the alarm's change at `changedAt` refers to, and its report. */
  private async evidence(endpoint: string, changedAt: string): Promise<DriftEvidence> {
    const executions = await this.deps.executions.executionsScheduled(scheduleName(endpoint), raisingWindow(changedAt));
    const execution = raisingExecution(executions);
    if (!execution) return {};
    const base = { scheduledAt: execution.scheduledAt, executionStatus: execution.status };
    const job = execution.processingJobArn;
    const prefix = job && (await this.deps.executions.reportPrefix(job));
    if (!prefix) return base;
    const reportUri = `${prefix.replace(/\/+$/, '')}/${VIOLATIONS}`;
    return { ...base, reportUri, report: await this.deps.reports.json(reportUri) };
  }

  /** Records and publishes which features drifted; returns them. */
  async detected(line: MonitoredLine, alarm: { name: string; eventId: string; at: string }): Promise<string[]> {
    const endpoint = line.deployment.endpointName;
    const evidence = await this.evidence(endpoint, alarm.at);
    for (const action of driftDetected(line, alarm, evidence)) {
      if (action.type === 'record') await this.deps.timeline.put(action.entry);
      if (action.type === 'publishEvent') await this.deps.events.publish(action.detailType, action.detail);
    }
    const { drifted } = violationsOf(evidence.report);
    this.deps.metrics.addMetric('DriftDetected', MetricUnit.Count, 1);
    this.deps.logger.info('drift detected', {
      model: line.name,
      endpoint,
      features: drifted,
      ...evidence,
      report: undefined,
    });
    return drifted;
  }
}
