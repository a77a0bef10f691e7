// Model Monitor as Shepherd uses it: data-quality job definitions, monitoring schedules that run an execution (a
// processing job) at every hour their cron names, and what each execution leaves behind — the drift metrics in
// CloudWatch and the constraint violations report in S3. What drifts is the scenario's (`monitoring:`). The
// schedules are here; the definitions in monitoring-definitions.ts, the executions in monitoring-executions.ts,
// baselining jobs in baselining.ts.
import { AwsError } from '../core';
import { Baselining } from './baselining';
import { JobDefinitions } from './monitoring-definitions';
import { type Execution, Executions, type MonitoringWorld } from './monitoring-executions';
import { invalid, nextRun, requireName, str } from './monitoring-input';
import { arn, type Context, timeInput, within } from './shared';
import type { Json } from './validation';

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

const START_DELAY_MS = 5 * 60_000;

export class Monitoring {
  private readonly definitions: JobDefinitions;
  private readonly schedules = new Map<string, Schedule>();
  private readonly executions: Executions;
  private readonly baselining: Baselining;

  constructor(
    private readonly ctx: Context,
    world: MonitoringWorld,
  ) {
    this.definitions = new JobDefinitions(ctx);
    this.executions = new Executions(ctx, world, this.definitions);
    this.baselining = new Baselining(ctx, (uri, body) => world.putObject(uri, body));
  }

  readonly operations: Readonly<Record<string, (input: Json) => unknown>> = {
    CreateDataQualityJobDefinition: (i) => this.definitions.create(i),
    DescribeDataQualityJobDefinition: (i) => this.definitions.describe(i),
    CreateMonitoringSchedule: (i) => this.createSchedule(i),
    DescribeMonitoringSchedule: (i) => this.describeSchedule(i),
    UpdateMonitoringSchedule: (i) => this.updateSchedule(i),
    DeleteMonitoringSchedule: (i) => this.deleteSchedule(i),
    DescribeProcessingJob: (i) => this.describeProcessingJob(i),
    ListMonitoringExecutions: (i) => this.listExecutions(i),
    CreateProcessingJob: (i) => this.baselining.create(i, (name) => this.executions.has(name)),
  };

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
    const endpoint = this.definitions.endpointOf(s.definition);
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
      ...(last ? { LastMonitoringExecutionSummary: this.executions.summary(s, last) } : {}),
    };
  }

  /** The schedule's executions, filtered by scheduled time and status, sorted by scheduled (= creation) time. */
  private listExecutions(input: Json): unknown {
    const named = str(input.MonitoringScheduleName);
    const after = timeInput(input.ScheduledTimeAfter, 'scheduledTimeAfter');
    const before = timeInput(input.ScheduledTimeBefore, 'scheduledTimeBefore');
    const status = str(input.StatusEquals);
    const max = input.MaxResults === undefined ? 10 : Number(input.MaxResults);
    if (!Number.isInteger(max) || max < 1 || max > 100) throw invalid('MaxResults must be between 1 and 100');
    if (input.SortBy !== undefined && !['ScheduledTime', 'CreationTime'].includes(String(input.SortBy)))
      throw invalid(`SortBy ${String(input.SortBy)} is not emulated`);
    const schedules = [...this.schedules.values()].filter((s) => named === undefined || s.name === named);
    const found = schedules.flatMap((s) =>
      s.executions
        .filter((e) => within(e.scheduledAt, after, before) && (status === undefined || e.status === status))
        .map((e) => ({ s, e })),
    );
    const ascending = input.SortOrder === 'Ascending';
    found.sort((a, b) => (ascending ? a.e.scheduledAt - b.e.scheduledAt : b.e.scheduledAt - a.e.scheduledAt));
    return { MonitoringExecutionSummaries: found.slice(0, max).map(({ s, e }) => this.executions.summary(s, e)) };
  }

  private describeProcessingJob(input: Json): unknown {
    const name = str(input.ProcessingJobName) ?? '';
    const baseline = this.baselining.describe(name);
    if (baseline) return baseline;
    return this.executions.describe(name, (schedule) => this.schedules.get(schedule)?.arn);
  }

  private arm(s: Schedule): void {
    const now = this.ctx.clock.now().getTime();
    const due = nextRun(s.expression, now);
    s.cancel = this.ctx.clock.after(due - now + START_DELAY_MS, () => this.execute(s, due));
  }

  /** At its hour a schedule still kept arms its next run, then starts an execution. */
  private execute(s: Schedule, scheduledAt: number): void {
    if (this.schedules.get(s.name) !== s) return;
    this.arm(s);
    this.executions.start(s, scheduledAt);
  }

  view(): {
    endpoint: string;
    name: string;
    status: string;
    executions: { scheduledAt: string; status: string; drifted: string[] }[];
  }[] {
    return [...this.schedules.values()].map((s) => {
      const endpoint = this.definitions.endpointOf(s.definition);
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
