// Model Monitor's monitoring schedules: created, changed and deleted by name, each armed on the virtual clock to
// start an execution (monitoring-executions.ts) at every hour its cron names. What a schedule is and when it runs
// stands apart from the API that reads across schedules (monitoring.ts).
import { AwsError } from '../core';
import type { JobDefinitions } from './monitoring-definitions';
import type { Execution, Executions } from './monitoring-executions';
import { invalid, nextRun, requireName, str } from './monitoring-input';
import { arn, type Context } from './shared';
import type { Json } from './validation';

export interface Schedule {
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

export class Schedules {
  private readonly byName = new Map<string, Schedule>();

  constructor(
    private readonly ctx: Context,
    private readonly definitions: JobDefinitions,
    private readonly executions: Executions,
  ) {}

  /** In creation order. */
  all(): Schedule[] {
    return [...this.byName.values()];
  }

  get(name: string): Schedule | undefined {
    return this.byName.get(name);
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

  create(input: Json): unknown {
    const name = requireName(input.MonitoringScheduleName, 'MonitoringScheduleName');
    if (this.byName.has(name)) throw new AwsError('ResourceInUse', `Monitoring schedule ${name} already exists`);
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
    this.byName.set(name, s);
    this.arm(s);
    this.ctx.timeline.log('sagemaker', `monitoring schedule ${name} ${s.expression} → ${s.definition}`);
    return { MonitoringScheduleArn: s.arn };
  }

  private find(input: Json): Schedule {
    const s = this.byName.get(str(input.MonitoringScheduleName) ?? '');
    if (!s)
      throw new AwsError('ResourceNotFound', `Monitoring schedule ${String(input.MonitoringScheduleName)} not found`);
    return s;
  }

  update(input: Json): unknown {
    const s = this.find(input);
    Object.assign(s, this.scheduleConfig(input), { lastModified: this.ctx.clock.now().getTime() });
    s.cancel?.();
    this.arm(s);
    return { MonitoringScheduleArn: s.arn };
  }

  delete(input: Json): unknown {
    const s = this.find(input);
    s.cancel?.();
    this.byName.delete(s.name);
    this.ctx.timeline.log('sagemaker', `monitoring schedule ${s.name} deleted`);
    return {};
  }

  describe(input: Json): unknown {
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

  private arm(s: Schedule): void {
    const due = nextRun(s.expression, this.ctx.clock.now().getTime());
    s.cancel = this.ctx.clock.at(due + START_DELAY_MS, () => this.execute(s, due));
  }

  /** At its hour a schedule still kept arms its next run, then starts an execution. */
  private execute(s: Schedule, scheduledAt: number): void {
    if (this.byName.get(s.name) !== s) return;
    this.arm(s);
    this.executions.start(s, scheduledAt);
  }

  stopAll(): void {
    for (const s of this.byName.values()) s.cancel?.();
  }
}
