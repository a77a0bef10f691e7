// The drift alarm Shepherd keeps went into ALARM: the features that drifted, read from the constraint violations
// report of the schedule's last execution, are recorded and published as `Drift Detected`.
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { EventsAdapter } from '../aws/events';
import type { ReportsAdapter } from '../aws/s3-reports';
import type { SageMakerMonitoringAdapter } from '../aws/sagemaker-monitoring';
import type { MonitoredLine } from '../domain/monitoring/converge';
import { driftDetected, violationsOf, type DriftEvidence } from '../domain/monitoring/drift';
import { scheduleName } from '../domain/monitoring/requests';
import type { TimelineStore } from '../state/timeline';

export interface DriftDeps {
  monitor: SageMakerMonitoringAdapter;
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

  private async evidence(endpoint: string): Promise<DriftEvidence> {
    const schedule = await this.deps.monitor.describeSchedule(scheduleName(endpoint));
    const last = schedule.lastExecution;
    const base = last ? { scheduledAt: last.scheduledAt, executionStatus: last.status } : {};
    const prefix = schedule.processingJobArn && (await this.deps.monitor.reportPrefix(schedule.processingJobArn));
    if (!prefix) return base;
    const reportUri = `${prefix.replace(/\/+$/, '')}/${VIOLATIONS}`;
    return { ...base, reportUri, report: await this.deps.reports.json(reportUri) };
  }

  /** Records and publishes which features drifted; returns them. */
  async detected(line: MonitoredLine, alarm: { name: string; eventId: string; at: string }): Promise<string[]> {
    const endpoint = line.deployment.endpointName;
    const evidence = await this.evidence(endpoint);
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
