// Model Monitor's executions as describeDrift reads them: which execution an alarm's change refers to, and where it
// wrote its reports. Apart from the reconciler's adapter (./sagemaker-monitoring.ts), as a bundle carries every method
// of a class it uses: the reconciler carries no ListMonitoringExecutions, describeDrift no schedule or job writes.
import { ListMonitoringExecutionsCommand, type SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { ExecutionSeen } from '../domain/monitoring/drift';
import { isoTime } from './iso-time';
import { processingJobOf } from './sagemaker-monitoring';

export class MonitorExecutionsAdapter {
  constructor(private readonly client: SageMakerClient) {}

  /** The schedule's executions scheduled within `window`, newest first (at most 10: three hours of hourly ones). */
  async executionsScheduled(schedule: string, window: { after: Date; before: Date }): Promise<ExecutionSeen[]> {
    const out = await this.client.send(
      new ListMonitoringExecutionsCommand({
        MonitoringScheduleName: schedule,
        ScheduledTimeBefore: window.before,
        ScheduledTimeAfter: window.after,
        SortBy: 'ScheduledTime',
        SortOrder: 'Descending',
        MaxResults: 10,
      }),
    );
    return (out.MonitoringExecutionSummaries ?? []).flatMap((e) =>
      e.ScheduledTime && e.MonitoringExecutionStatus
        ? [
            {
              scheduledAt: isoTime(e.ScheduledTime),
              status: e.MonitoringExecutionStatus,
              ...(e.ProcessingJobArn ? { processingJobArn: e.ProcessingJobArn } : {}),
            },
          ]
        : [],
    );
  }

  /** Where an execution (a processing job) wrote its reports; undefined if the job is gone or wrote nowhere. */
  async reportPrefix(processingJobArn: string): Promise<string | undefined> {
    const name = processingJobArn.slice(processingJobArn.lastIndexOf('/') + 1);
    return (await processingJobOf(this.client, name))?.output;
  }
}
