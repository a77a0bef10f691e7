// Model Monitor on SageMaker: data-quality job definitions, monitoring schedules and the processing jobs their
// executions run as. Creates are safe to repeat: `ResourceInUse` on a deterministic name means an earlier attempt
// got through.
import {
  CreateDataQualityJobDefinitionCommand,
  CreateMonitoringScheduleCommand,
  CreateProcessingJobCommand,
  DeleteMonitoringScheduleCommand,
  DescribeDataQualityJobDefinitionCommand,
  DescribeMonitoringScheduleCommand,
  DescribeProcessingJobCommand,
  ListMonitoringExecutionsCommand,
  UpdateMonitoringScheduleCommand,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import type { BaseliningObservation } from '../domain/monitoring/baseline';
import type { ExecutionSeen } from '../domain/monitoring/drift';
import type { BaseliningRequest } from '../domain/monitoring/requests';
import type { JobDefinitionRequest, ScheduleRequest } from '../domain/monitoring/requests';
import type { ScheduleObservation } from '../domain/monitoring/state';
import { isNotFound } from './sagemaker-errors';

const inUse = (err: unknown) => err instanceof Error && err.name === 'ResourceInUse';
const iso = (d: Date | undefined) => (d ? new Date(d).toISOString() : undefined);

export class SageMakerMonitoringAdapter {
  constructor(private readonly client: SageMakerClient) {}

  async jobDefinitionExists(name: string): Promise<boolean> {
    try {
      await this.client.send(new DescribeDataQualityJobDefinitionCommand({ JobDefinitionName: name }));
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  async createJobDefinition(request: JobDefinitionRequest): Promise<void> {
    try {
      await this.client.send(new CreateDataQualityJobDefinitionCommand(request));
    } catch (err) {
      if (!inUse(err)) throw err;
    }
  }

  async describeSchedule(name: string): Promise<ScheduleObservation & { processingJobArn?: string }> {
    try {
      const out = await this.client.send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: name }));
      const last = out.LastMonitoringExecutionSummary;
      const definition = out.MonitoringScheduleConfig?.MonitoringJobDefinitionName;
      return {
        exists: true,
        ...(out.MonitoringScheduleStatus ? { status: out.MonitoringScheduleStatus } : {}),
        ...(out.FailureReason ? { failureReason: out.FailureReason } : {}),
        ...(definition ? { definition } : {}),
        ...(out.LastModifiedTime ? { lastModified: iso(out.LastModifiedTime)! } : {}),
        ...(last?.MonitoringExecutionStatus && last.ScheduledTime
          ? {
              lastExecution: {
                status: last.MonitoringExecutionStatus,
                scheduledAt: iso(last.ScheduledTime)!,
                ...(last.FailureReason ? { failureReason: last.FailureReason } : {}),
              },
            }
          : {}),
        ...(last?.ProcessingJobArn ? { processingJobArn: last.ProcessingJobArn } : {}),
      };
    } catch (err) {
      if (isNotFound(err)) return { exists: false };
      throw err;
    }
  }

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
              scheduledAt: iso(e.ScheduledTime)!,
              status: e.MonitoringExecutionStatus,
              ...(e.ProcessingJobArn ? { processingJobArn: e.ProcessingJobArn } : {}),
            },
          ]
        : [],
    );
  }

  async createSchedule(request: ScheduleRequest): Promise<void> {
    try {
      await this.client.send(new CreateMonitoringScheduleCommand(request));
    } catch (err) {
      if (!inUse(err)) throw err;
    }
  }

  async updateSchedule(request: ScheduleRequest): Promise<void> {
    const { MonitoringScheduleName, MonitoringScheduleConfig } = request;
    await this.client.send(new UpdateMonitoringScheduleCommand({ MonitoringScheduleName, MonitoringScheduleConfig }));
  }

  /** Gone already is done. */
  async deleteSchedule(name: string): Promise<void> {
    try {
      await this.client.send(new DeleteMonitoringScheduleCommand({ MonitoringScheduleName: name }));
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  /** A baselining job: the analyzer run once over training data. */
  async createProcessingJob(request: BaseliningRequest): Promise<void> {
    try {
      await this.client.send(new CreateProcessingJobCommand(request));
    } catch (err) {
      if (!inUse(err)) throw err;
    }
  }

  /** A processing job's status and where it wrote its output; undefined if there is none of that name. */
  async processingJob(name: string): Promise<(BaseliningObservation & { output?: string }) | undefined> {
    try {
      const out = await this.client.send(new DescribeProcessingJobCommand({ ProcessingJobName: name }));
      const output = out.ProcessingOutputConfig?.Outputs?.find((o) => o.S3Output?.S3Uri)?.S3Output?.S3Uri;
      return {
        status: out.ProcessingJobStatus ?? 'Unknown',
        ...(out.FailureReason ? { failureReason: out.FailureReason } : {}),
        ...(output ? { output } : {}),
      };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** Where an execution (a processing job) wrote its reports; undefined if the job is gone or wrote nowhere. */
  async reportPrefix(processingJobArn: string): Promise<string | undefined> {
    const name = processingJobArn.slice(processingJobArn.lastIndexOf('/') + 1);
    return (await this.processingJob(name))?.output;
  }
}
