// Model Monitor's executions: the processing job a schedule runs at each hour its cron names, and what it leaves
// behind — the drift metrics in CloudWatch and the constraint violations report in S3.
import { AwsError } from '../core';
import type { JobDefinitions } from './monitoring-definitions';
import { RUN_MS } from './monitoring-input';
import { arn, type Context } from './shared';
import type { Json } from './validation';

/** What an execution finds: every feature the baseline knows, and those drifted at that time. */
export type DriftPlan = (endpoint: string, at: Date) => { features: string[]; drifted: string[] };

export interface MonitoringWorld {
  /** Whether the endpoint serves (InService) a config that captures data. */
  capturing: (endpoint: string) => 'capturing' | 'not capturing' | 'no endpoint';
  putMetric: (namespace: string, name: string, dimensions: Record<string, string>, at: Date, value: number) => void;
  putObject: (uri: string, body: string) => void;
  drift: DriftPlan;
}

export interface Execution {
  scheduledAt: number;
  status: string;
  processingJob: string;
  output: string;
  drifted: string[];
  failureReason?: string;
  endedAt?: number;
}

/** What an execution reads of the schedule that runs it. */
export interface Scheduled {
  name: string;
  definition: string;
  executions: Execution[];
}

// Where the built-in analyzer publishes here: the variant the AWS sample alarms on, not the one the guide names,
// so that Shepherd must find it (docs/aws-model-monitor.md).
export const METRIC_NAMESPACE = 'aws/sagemaker/Endpoints/data-metrics';
const DRIFTED_DISTANCE = 0.35;
const STEADY_DISTANCE = 0.02;

export class Executions {
  private readonly jobs = new Map<string, { schedule: string; execution: Execution }>();

  constructor(
    private readonly ctx: Context,
    private readonly world: MonitoringWorld,
    private readonly definitions: JobDefinitions,
  ) {}

  /** Whether a processing job of that name is an execution's. */
  has(name: string): boolean {
    return this.jobs.has(name);
  }

  /** One execution: it reads what the endpoint captured since the last hour and compares it with the baseline. */
  start(s: Scheduled, scheduledAt: number): void {
    const definition = this.definitions.get(s.definition) ?? {};
    const endpoint = String(this.definitions.endpointOf(s.definition));
    const outputs = (definition.DataQualityJobOutputConfig as Json).MonitoringOutputs as Json[];
    const base = String((outputs[0]!.S3Output as Json).S3Uri).replace(/\/+$/, '');
    const hour = new Date(scheduledAt).toISOString().slice(0, 13).replace(/[-T]/g, '/');
    const stamp = new Date(scheduledAt).toISOString().slice(0, 13).replace(/[-:T]/g, '');
    const processingJob = `model-monitoring-${stamp}-${s.name.slice(0, 20).replace(/-+$/, '')}`;
    const e: Execution = {
      scheduledAt,
      status: 'InProgress',
      processingJob,
      output: `${base}/${endpoint}/${s.name}/${hour}`,
      drifted: [],
    };
    s.executions.push(e);
    this.jobs.set(processingJob, { schedule: s.name, execution: e });
    this.ctx.clock.after(RUN_MS, () => this.finish(s, e, endpoint));
  }

  private finish(s: Scheduled, e: Execution, endpoint: string): void {
    const at = this.ctx.clock.now();
    e.endedAt = at.getTime();
    const capture = this.world.capturing(endpoint);
    if (capture !== 'capturing') {
      e.status = 'Failed';
      e.failureReason =
        capture === 'no endpoint'
          ? `Endpoint ${endpoint} not found`
          : 'No data captured: the endpoint has no DataCaptureConfig';
      this.ctx.timeline.log('sagemaker', `monitoring execution of ${s.name} Failed: ${e.failureReason}`);
      return;
    }
    const { features, drifted } = this.world.drift(endpoint, new Date(e.scheduledAt));
    e.drifted = drifted;
    const dimensions = { Endpoint: endpoint, MonitoringSchedule: s.name };
    for (const f of features) {
      const distance = drifted.includes(f) ? DRIFTED_DISTANCE : STEADY_DISTANCE;
      this.world.putMetric(METRIC_NAMESPACE, `feature_baseline_drift_${f}`, dimensions, at, distance);
    }
    const violations = drifted.map((f) => ({
      feature_name: f,
      constraint_check_type: 'baseline_drift_check',
      description: `Baseline drift distance: ${DRIFTED_DISTANCE} exceeds threshold: 0.1`,
    }));
    this.world.putObject(`${e.output}/constraint_violations.json`, JSON.stringify({ violations }, null, 2));
    e.status = violations.length ? 'CompletedWithViolations' : 'Completed';
    const found = drifted.length ? `drift in ${drifted.join(', ')}` : 'no drift';
    this.ctx.timeline.log('sagemaker', `monitoring execution of ${s.name} ${e.status}: ${found}`);
  }

  /** The execution as DescribeMonitoringSchedule summarises it. */
  summary(s: Scheduled, e: Execution): Json {
    return {
      MonitoringScheduleName: s.name,
      ScheduledTime: new Date(e.scheduledAt),
      CreationTime: new Date(e.scheduledAt),
      LastModifiedTime: new Date(e.endedAt ?? e.scheduledAt),
      MonitoringExecutionStatus: e.status,
      ProcessingJobArn: arn(`processing-job/${e.processingJob}`),
      MonitoringJobDefinitionName: s.definition,
      MonitoringType: 'DataQuality',
      ...(e.failureReason ? { FailureReason: e.failureReason } : {}),
    };
  }

  /** DescribeProcessingJob's answer for an execution's job; `scheduleArn` names its schedule while that exists. */
  describe(name: string, scheduleArn: (schedule: string) => string | undefined): unknown {
    const job = this.jobs.get(name);
    if (!job) throw new AwsError('ValidationException', `Could not find requested job with name ${name}`);
    const e = job.execution;
    const status = e.status === 'InProgress' ? 'InProgress' : e.status === 'Failed' ? 'Failed' : 'Completed';
    return {
      ProcessingJobName: name,
      ProcessingJobArn: arn(`processing-job/${name}`),
      ProcessingJobStatus: status,
      ProcessingOutputConfig: {
        Outputs: [{ OutputName: 'result', S3Output: { S3Uri: e.output, LocalPath: '/opt/ml/processing/output' } }],
      },
      MonitoringScheduleArn: scheduleArn(job.schedule),
      CreationTime: new Date(e.scheduledAt),
      ...(e.failureReason ? { FailureReason: e.failureReason } : {}),
    };
  }
}
