// Model Monitor on SageMaker as the reconciler keeps it: data-quality job definitions, monitoring schedules and the
// baselining processing jobs. Creates are safe to repeat: `ResourceInUse` on a deterministic name means an earlier
// attempt got through. Reading an execution's reports is describeDrift's (./sagemaker-monitor-executions.ts).
import {
  CreateDataQualityJobDefinitionCommand,
  CreateMonitoringScheduleCommand,
  CreateProcessingJobCommand,
  DeleteMonitoringScheduleCommand,
  DescribeDataQualityJobDefinitionCommand,
  DescribeMonitoringScheduleCommand,
  DescribeProcessingJobCommand,
  UpdateMonitoringScheduleCommand,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import type { BaseliningObservation } from '../domain/monitoring/baseline';
import type { BaseliningRequest } from '../domain/monitoring/requests';
import type { JobDefinitionRequest, ScheduleRequest } from '../domain/monitoring/requests';
import type { ScheduleObservation } from '../domain/monitoring/state';
import { isoTime } from './iso-time';
import { isNotFound } from './sagemaker-errors';

export type ProcessingJobSeen = BaseliningObservation & { output?: string };

/** A processing job's status and where it wrote its output; undefined if there is none of that name. */
export async function processingJobOf(client: SageMakerClient, name: string): Promise<ProcessingJobSeen | undefined> {
  try {
    const out = await client.send(new DescribeProcessingJobCommand({ ProcessingJobName: name }));
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

const inUse = (err: unknown) => err instanceof Error && err.name === 'ResourceInUse';

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
        ...(out.LastModifiedTime ? { lastModified: isoTime(out.LastModifiedTime) } : {}),
        ...(last?.MonitoringExecutionStatus && last.ScheduledTime
          ? {
              lastExecution: {
                status: last.MonitoringExecutionStatus,
                scheduledAt: isoTime(last.ScheduledTime),
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
  processingJob(name: string): Promise<ProcessingJobSeen | undefined> {
    return processingJobOf(this.client, name);
  }
}
