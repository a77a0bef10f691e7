// Model Monitor as Shepherd uses it: data-quality job definitions, monitoring schedules that run an execution (a
// processing job) at every hour their cron names, and what each execution leaves behind — the drift metrics in
// CloudWatch and the constraint violations report in S3. What drifts is the scenario's (`monitoring:`).
import { AwsError } from '../core';
import { Baselining } from './baselining';
import { invalid, isRoleArn, nextRun, requireName, RUN_MS, s3, str } from './monitoring-input';
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

interface Execution {
  scheduledAt: number;
  status: string;
  processingJob: string;
  output: string;
  drifted: string[];
  failureReason?: string;
  endedAt?: number;
}

interface Schedule {
  name: string;
  arn: string;
  status: string;
  definition: string;
  expression: string;
  createdAt: number;
  lastModified: number;
  executions: Execution[];
  cancel?: () => void;
}

// Where the built-in analyzer publishes here: the variant the AWS sample alarms on, not the one the guide names,
// so that Shepherd must find it (docs/aws-model-monitor.md).
export const METRIC_NAMESPACE = 'aws/sagemaker/Endpoints/data-metrics';
const START_DELAY_MS = 5 * 60_000;
const DRIFTED_DISTANCE = 0.35;
const STEADY_DISTANCE = 0.02;

export class Monitoring {
  private readonly definitions = new Map<string, Json>();
  private readonly schedules = new Map<string, Schedule>();
  private readonly jobs = new Map<string, { schedule: string; execution: Execution }>();
  private readonly baselining: Baselining;

  constructor(
    private readonly ctx: Context,
    private readonly world: MonitoringWorld,
  ) {
    this.baselining = new Baselining(ctx, (uri, body) => world.putObject(uri, body));
  }

  readonly operations: Readonly<Record<string, (input: Json) => unknown>> = {
    CreateDataQualityJobDefinition: (i) => this.createDefinition(i),
    DescribeDataQualityJobDefinition: (i) => this.describeDefinition(i),
    CreateMonitoringSchedule: (i) => this.createSchedule(i),
    DescribeMonitoringSchedule: (i) => this.describeSchedule(i),
    UpdateMonitoringSchedule: (i) => this.updateSchedule(i),
    DeleteMonitoringSchedule: (i) => this.deleteSchedule(i),
    DescribeProcessingJob: (i) => this.describeProcessingJob(i),
    CreateProcessingJob: (i) => this.baselining.create(i, (name) => this.jobs.has(name)),
  };

  private createDefinition(input: Json): unknown {
    const name = requireName(input.JobDefinitionName, 'JobDefinitionName');
    if (this.definitions.has(name)) throw new AwsError('ResourceInUse', `Job definition ${name} already exists`);
    const app = (input.DataQualityAppSpecification ?? {}) as Json;
    if (!str(app.ImageUri)) throw invalid('DataQualityAppSpecification.ImageUri is required');
    const endpoint = ((input.DataQualityJobInput as Json | undefined)?.EndpointInput as Json | undefined)?.EndpointName;
    requireName(endpoint, 'DataQualityJobInput.EndpointInput.EndpointName');
    const baseline = (input.DataQualityBaselineConfig ?? {}) as Json;
    s3((baseline.ConstraintsResource as Json | undefined)?.S3Uri, 'ConstraintsResource.S3Uri');
    s3((baseline.StatisticsResource as Json | undefined)?.S3Uri, 'StatisticsResource.S3Uri');
    const outputs = ((input.DataQualityJobOutputConfig as Json | undefined)?.MonitoringOutputs ?? []) as Json[];
    s3((outputs[0]?.S3Output as Json | undefined)?.S3Uri, 'MonitoringOutputs.0.S3Output.S3Uri');
    if (!isRoleArn(input.RoleArn)) throw invalid('RoleArn is not a role ARN');
    const runtime = Number((input.StoppingCondition as Json | undefined)?.MaxRuntimeInSeconds ?? 3600);
    if (runtime > 3600) throw invalid('MaxRuntimeInSeconds must be at most 3600 for an hourly data quality job');
    const definitionArn = arn(`data-quality-job-definition/${name.toLowerCase()}`);
    this.definitions.set(name, { ...structuredClone(input), JobDefinitionArn: definitionArn });
    this.ctx.timeline.log('sagemaker', `data-quality job definition ${name} for ${String(endpoint)}`);
    return { JobDefinitionArn: definitionArn };
  }

  private describeDefinition(input: Json): unknown {
    const d = this.definitions.get(str(input.JobDefinitionName) ?? '');
    if (!d) throw new AwsError('ResourceNotFound', `Could not find job definition ${String(input.JobDefinitionName)}`);
    const { Tags: _tags, ...rest } = d;
    return { ...rest, CreationTime: new Date(this.ctx.clock.now()) };
  }

  private scheduleConfig(input: Json): { definition: string; expression: string } {
    const config = (input.MonitoringScheduleConfig ?? {}) as Json;
    const definition = str(config.MonitoringJobDefinitionName) ?? '';
    if (!this.definitions.has(definition)) throw invalid(`Job definition ${definition} does not exist`);
    if (config.MonitoringType !== 'DataQuality') throw invalid('MonitoringType must match the job definition');
    const expression = str((config.ScheduleConfig as Json | undefined)?.ScheduleExpression) ?? '';
    nextRun(expression, this.ctx.clock.now().getTime());
    return { definition, expression };
  }

  private createSchedule(input: Json): unknown {
    const name = requireName(input.MonitoringScheduleName, 'MonitoringScheduleName');
    if (this.schedules.has(name)) throw new AwsError('ResourceInUse', `Monitoring schedule ${name} already exists`);
    const now = this.ctx.clock.now().getTime();
    const s: Schedule = {
      name,
      arn: arn(`monitoring-schedule/${name.toLowerCase()}`),
      status: 'Scheduled',
      ...this.scheduleConfig(input),
      createdAt: now,
      lastModified: now,
      executions: [],
    };
    this.schedules.set(name, s);
    this.arm(s);
    this.ctx.timeline.log('sagemaker', `monitoring schedule ${name} ${s.expression} → ${s.definition}`);
    return { MonitoringScheduleArn: s.arn };
  }

  private find(input: Json): Schedule {
    const s = this.schedules.get(str(input.MonitoringScheduleName) ?? '');
    if (!s)
      throw new AwsError('ResourceNotFound', `Monitoring schedule ${String(input.MonitoringScheduleName)} not found`);
    return s;
  }

  private updateSchedule(input: Json): unknown {
    const s = this.find(input);
    Object.assign(s, this.scheduleConfig(input), { lastModified: this.ctx.clock.now().getTime() });
    s.cancel?.();
    this.arm(s);
    return { MonitoringScheduleArn: s.arn };
  }

  private deleteSchedule(input: Json): unknown {
    const s = this.find(input);
    s.cancel?.();
    this.schedules.delete(s.name);
    this.ctx.timeline.log('sagemaker', `monitoring schedule ${s.name} deleted`);
    return {};
  }

  /** Setup hook for scenarios and tests: the schedule vanishes as if someone deleted it. */
  remove(name: string): void {
    this.deleteSchedule({ MonitoringScheduleName: name });
  }

  private describeSchedule(input: Json): unknown {
    const s = this.find(input);
    const d = this.definitions.get(s.definition) ?? {};
    const endpoint = ((d.DataQualityJobInput as Json | undefined)?.EndpointInput as Json | undefined)?.EndpointName;
    const last = s.executions.at(-1);
    return {
      MonitoringScheduleArn: s.arn,
      MonitoringScheduleName: s.name,
      MonitoringScheduleStatus: s.status,
      MonitoringType: 'DataQuality',
      CreationTime: new Date(s.createdAt),
      LastModifiedTime: new Date(s.lastModified),
      MonitoringScheduleConfig: {
        ScheduleConfig: { ScheduleExpression: s.expression },
        MonitoringJobDefinitionName: s.definition,
        MonitoringType: 'DataQuality',
      },
      EndpointName: endpoint,
      ...(last ? { LastMonitoringExecutionSummary: this.summary(s, last) } : {}),
    };
  }

  private summary(s: Schedule, e: Execution): Json {
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

  private describeProcessingJob(input: Json): unknown {
    const name = str(input.ProcessingJobName) ?? '';
    const baseline = this.baselining.describe(name);
    if (baseline) return baseline;
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
      MonitoringScheduleArn: this.schedules.get(job.schedule)?.arn,
      CreationTime: new Date(e.scheduledAt),
      ...(e.failureReason ? { FailureReason: e.failureReason } : {}),
    };
  }

  private arm(s: Schedule): void {
    const now = this.ctx.clock.now().getTime();
    const due = nextRun(s.expression, now);
    s.cancel = this.ctx.clock.after(due - now + START_DELAY_MS, () => this.execute(s, due));
  }

  /** One execution: it reads what the endpoint captured since the last hour and compares it with the baseline. */
  private execute(s: Schedule, scheduledAt: number): void {
    if (this.schedules.get(s.name) !== s) return;
    this.arm(s);
    const definition = this.definitions.get(s.definition) ?? {};
    const endpoint = String(
      ((definition.DataQualityJobInput as Json | undefined)?.EndpointInput as Json | undefined)?.EndpointName,
    );
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

  private finish(s: Schedule, e: Execution, endpoint: string): void {
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

  view(): {
    endpoint: string;
    name: string;
    status: string;
    executions: { scheduledAt: string; status: string; drifted: string[] }[];
  }[] {
    return [...this.schedules.values()].map((s) => {
      const d = this.definitions.get(s.definition) ?? {};
      const endpoint = ((d.DataQualityJobInput as Json | undefined)?.EndpointInput as Json | undefined)?.EndpointName;
      return {
        endpoint: String(endpoint),
        name: s.name,
        status: s.status,
        executions: s.executions.map((e) => ({
          scheduledAt: new Date(e.scheduledAt).toISOString(),
          status: e.status,
          drifted: [...e.drifted],
        })),
      };
    });
  }

  stopAll(): void {
    for (const s of this.schedules.values()) s.cancel?.();
  }
}
