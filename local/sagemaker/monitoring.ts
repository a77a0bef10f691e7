// Model Monitor as Shepherd uses it: data-quality job definitions, monitoring schedules that run an execution (a
// processing job) at every hour their cron names, and what each execution leaves behind — the drift metrics in
// CloudWatch and the constraint violations report in S3. What drifts is the scenario's (`monitoring:`). Here are
// the API and what reads across schedules; the schedules are in monitoring-schedules.ts, the definitions in
// monitoring-definitions.ts, the executions in monitoring-executions.ts, baselining jobs in baselining.ts.
import { Baselining } from './baselining';
import { JobDefinitions } from './monitoring-definitions';
import { Executions, type MonitoringWorld } from './monitoring-executions';
import { invalid, str } from './monitoring-input';
import { Schedules } from './monitoring-schedules';
import { type Context, timeInput, within } from './shared';
import type { Json } from './validation';

export class Monitoring {
  private readonly definitions: JobDefinitions;
  private readonly schedules: Schedules;
  private readonly executions: Executions;
  private readonly baselining: Baselining;

  constructor(ctx: Context, world: MonitoringWorld) {
    this.definitions = new JobDefinitions(ctx);
    this.executions = new Executions(ctx, world, this.definitions);
    this.schedules = new Schedules(ctx, this.definitions, this.executions);
    this.baselining = new Baselining(ctx, (uri, body) => world.putObject(uri, body));
  }

  readonly operations: Readonly<Record<string, (input: Json) => unknown>> = {
    CreateDataQualityJobDefinition: (i) => this.definitions.create(i),
    DescribeDataQualityJobDefinition: (i) => this.definitions.describe(i),
    CreateMonitoringSchedule: (i) => this.schedules.create(i),
    DescribeMonitoringSchedule: (i) => this.schedules.describe(i),
    UpdateMonitoringSchedule: (i) => this.schedules.update(i),
    DeleteMonitoringSchedule: (i) => this.schedules.delete(i),
    DescribeProcessingJob: (i) => this.describeProcessingJob(i),
    ListMonitoringExecutions: (i) => this.listExecutions(i),
    CreateProcessingJob: (i) => this.baselining.create(i, (name) => this.executions.has(name)),
  };

  /** Setup hook for scenarios and tests: the schedule vanishes as if someone deleted it. */
  remove(name: string): void {
    this.schedules.delete({ MonitoringScheduleName: name });
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
    const schedules = this.schedules.all().filter((s) => named === undefined || s.name === named);
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

  view(): {
    endpoint: string;
    name: string;
    status: string;
    executions: { scheduledAt: string; status: string; drifted: string[] }[];
  }[] {
    return this.schedules.all().map((s) => {
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
    this.schedules.stopAll();
  }
}
