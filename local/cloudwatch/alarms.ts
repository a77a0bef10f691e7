// CloudWatch's alarms: defined by hand or by PutMetricAlarm, set or evaluated into a state, and described. A state
// change raises the same EventBridge event AWS sends.
import { randomUUID } from 'node:crypto';
import { AwsError, envelope, type AwsEvent, type Timeline } from '../core';
import type { Clock } from '../clock';
import { evaluate, ruleAlarm } from './alarm-rules';
import {
  arnOf,
  metricAlarmView,
  reasonData,
  stateChangeDetail,
  type Alarm,
  type AlarmDefinition,
  type AlarmState,
} from './alarm-shapes';
import type { MetricStore } from './metrics';
import { invalid } from './wire';

export class Alarms {
  private readonly alarms = new Map<string, Alarm>();

  constructor(
    private readonly metrics: MetricStore,
    private readonly opts: { clock: Clock; timeline: Timeline; emit: (event: AwsEvent) => void },
  ) {}

  /** Defining again updates the configuration and keeps the state. */
  define(alarm: AlarmDefinition): void {
    const existing = this.alarms.get(alarm.name);
    const state = existing?.state ?? {
      value: 'INSUFFICIENT_DATA',
      reason: 'Unchecked: Initial alarm creation',
      timestamp: this.opts.clock.now(),
    };
    this.alarms.set(alarm.name, { ...alarm, id: existing?.id ?? randomUUID(), state });
  }

  /** Emits `CloudWatch Alarm State Change` only on a real change: setting the current state again does nothing. */
  setState(name: string, value: AlarmState, reason: string, data?: string): void {
    const alarm = this.alarms.get(name);
    if (!alarm) throw new AwsError('ResourceNotFound', `Alarm ${name} not found`, 404);
    if (alarm.state.value === value) return;
    const now = this.opts.clock.now();
    const previous = alarm.state;
    alarm.state = { value, reason, reasonData: data ?? reasonData(alarm, this.metrics, now), timestamp: now };
    const detail = stateChangeDetail(alarm, previous);
    this.opts.timeline.log('cloudwatch', `alarm ${name} ${previous.value} → ${value}: ${reason}`);
    this.opts.emit(envelope('aws.cloudwatch', 'CloudWatch Alarm State Change', detail, [arnOf(name)], now));
  }

  /** PutMetricAlarm (see `ruleAlarm`). Putting again replaces the definition and keeps the state. */
  putMetricAlarm(input: Record<string, unknown>): Record<string, never> {
    const alarm = ruleAlarm(input);
    const { name, rule } = alarm;
    this.define(alarm);
    this.opts.timeline.log('cloudwatch', `alarm ${name} put: ${rule.comparison} ${String(input.Threshold)}`);
    this.evaluate(this.alarms.get(name)!);
    return {};
  }

  /** Re-evaluates every alarm defined with metrics, as CloudWatch does each minute. */
  evaluateAll(): void {
    for (const alarm of this.alarms.values()) this.evaluate(alarm);
  }

  /** The alarms whose actions include `arn`: a step policy's, as Application Auto Scaling lists them (its Alarms). */
  invoking(arn: string): { AlarmName: string; AlarmARN: string }[] {
    return [...this.alarms.values()]
      .filter((a) => a.actions?.includes(arn))
      .map((a) => ({ AlarmName: a.name, AlarmARN: arnOf(a.name) }));
  }

  /** A deleted step policy's action leaves its alarms; the alarms stay (DeleteScalingPolicy's API reference). */
  removeAction(arn: string): void {
    for (const a of this.alarms.values()) {
      if (a.actions?.includes(arn)) a.actions = a.actions.filter((x) => x !== arn);
    }
  }

  describeAlarms(input: Record<string, unknown>): unknown {
    const {
      AlarmNames: names,
      AlarmNamePrefix: prefix,
      StateValue: state,
      AlarmTypes: types,
    } = input as Partial<Record<string, string>> & { AlarmNames?: string[]; AlarmTypes?: string[] };
    if ((names?.length ?? 0) > 100) {
      throw invalid('The parameter AlarmNames must not contain more than 100 items.');
    }
    // Each name is 1 to 255 characters (the API reference's AlarmNames.member.N).
    if (names?.some((n) => n.length < 1 || n.length > 255)) {
      throw invalid(
        `1 validation error detected: Value '[${names.join(', ')}]' at 'alarmNames' failed to satisfy constraint: ` +
          'Member must satisfy constraint: [Member must have length less than or equal to 255, ' +
          'Member must have length greater than or equal to 1]',
      );
    }
    // Without AlarmTypes, only metric alarms are described; the emulator keeps no composite alarms.
    if (types?.length && !types.includes('MetricAlarm')) return { MetricAlarms: [], CompositeAlarms: [] };
    const alarms = [...this.alarms.values()].filter(
      (a) =>
        (!names?.length || names.includes(a.name)) &&
        (!prefix || a.name.startsWith(prefix)) &&
        (!state || a.state.value === state),
    );
    return { MetricAlarms: alarms.map(metricAlarmView), CompositeAlarms: [] };
  }

  private evaluate(alarm: Alarm): void {
    const rule = alarm.rule;
    if (!rule) return;
    const change = evaluate(alarm, rule, this.metrics, this.opts.clock.now().getTime());
    if (change) this.setState(alarm.name, change.state, change.reason);
  }
}
