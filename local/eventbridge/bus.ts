// EventBridge: the default bus and Shepherd's bus, rules from the packaged stack, PutEvents with per-entry
// results, schedules on the virtual clock, and delivery to functions the way Lambda's async invoke does.
import { ACCOUNT, AwsError, envelope, REGION, type AwsEvent, type JsonService, type Timeline } from '../core';
import type { Clock } from '../clock';
import type { Rule } from '../template';
import { applyInputTransformer } from './input-transformer';
import { matchesPattern } from './pattern';
import { nextFire } from './schedule';

export interface Delivery {
  /** Each matched event is delivered this many times (EventBridge delivers at least once). */
  copies: number;
  /** Up to this much virtual delay per delivery, so copies and neighbours arrive out of order. */
  jitterMs: number;
  /** Events to lose on the way (a lost event that the reconciler must make up for). */
  drop?: (event: AwsEvent) => boolean;
}

// PutEvents' limit: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html
const MAX_REQUEST_BYTES = 256 * 1024;
const bytes = (v: unknown) => (typeof v === 'string' ? Buffer.byteLength(v) : 0);
/** An entry's size as EventBridge counts it: Time is 14 bytes; Source, DetailType, Detail, Resources their UTF-8. */
const entrySize = (e: Record<string, unknown>): number =>
  (e.Time !== undefined ? 14 : 0) +
  bytes(e.Source) +
  bytes(e.DetailType) +
  bytes(e.Detail) +
  (Array.isArray(e.Resources) ? e.Resources.reduce((n: number, r) => n + bytes(r), 0) : 0);

const busName = (rule: Rule): string => (typeof rule.EventBusName === 'string' ? rule.EventBusName : 'default');

export class EventBridgeEmulator {
  readonly published: AwsEvent[] = [];
  private readonly stops: (() => void)[] = [];
  private readonly listeners: ((event: AwsEvent) => void)[] = [];

  constructor(
    private readonly opts: {
      clock: Clock;
      timeline: Timeline;
      rules: Rule[];
      buses: string[];
      invoke: (fn: string, payload: unknown) => void;
      delivery?: Delivery;
      random?: () => number;
    },
  ) {}

  readonly handle: JsonService = (operation, input) => {
    if (operation !== 'PutEvents')
      throw new AwsError('UnknownOperationException', `EventBridge operation ${operation} is not emulated`);
    const entries = (input.Entries ?? []) as Record<string, unknown>[];
    if (entries.length < 1 || entries.length > 10)
      throw new AwsError(
        'ValidationException',
        "1 validation error detected: Value at 'entries' failed to satisfy constraint: " +
          'Member must have length between 1 and 10',
      );
    // The whole request, not each entry, is refused beyond 256 KB, counted as AWS counts an entry's size.
    if (entries.reduce((n, e) => n + entrySize(e), 0) > MAX_REQUEST_BYTES)
      throw new AwsError('ValidationException', 'Total size of the entries in the request is over the limit.');
    const results = entries.map((e) => this.putEntry(e));
    return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
  };

  private putEntry(e: Record<string, unknown>): { EventId: string } | { ErrorCode: string; ErrorMessage: string } {
    const bus = typeof e.EventBusName === 'string' ? e.EventBusName.split('/').pop()! : 'default';
    if (!this.opts.buses.includes(bus))
      return { ErrorCode: 'ResourceNotFoundException', ErrorMessage: `Event bus ${bus} does not exist.` };
    if (typeof e.Source !== 'string' || typeof e.DetailType !== 'string')
      return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameters Source and DetailType are required.' };
    let detail: unknown;
    try {
      detail = JSON.parse(String(e.Detail ?? ''));
    } catch {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    }
    if (typeof detail !== 'object' || detail === null || Array.isArray(detail))
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    const event = envelope(
      e.Source,
      e.DetailType,
      detail as Record<string, unknown>,
      (e.Resources as string[] | undefined) ?? [],
      this.opts.clock.now(),
    );
    this.put(event, bus);
    return { EventId: event.id };
  }

  /** An event arrives on a bus (from an emulated service, or PutEvents): every matching rule delivers it. */
  put(event: AwsEvent, bus = 'default'): void {
    if (bus !== 'default') {
      this.published.push(event);
      this.opts.timeline.log(event.source, `${event['detail-type']}${summary(event.detail)}`);
      for (const listener of this.listeners) listener(event);
    }
    for (const rule of this.opts.rules) {
      if (busName(rule) !== bus || !rule.EventPattern || !matchesPattern(rule.EventPattern, event)) continue;
      for (const target of rule.targets)
        if (target.fn)
          this.deliver(
            target.fn,
            target.InputTransformer ? JSON.parse(applyInputTransformer(target.InputTransformer, event)) : event,
            event,
          );
    }
  }

  private deliver(fn: string, payload: unknown, event: AwsEvent): void {
    const d = this.opts.delivery ?? { copies: 1, jitterMs: 0 };
    if (d.drop?.(event)) {
      this.opts.timeline.log('eventbridge', `lost on the way: ${event['detail-type']} for ${fn}`);
      return;
    }
    for (let i = 0; i < d.copies; i++) {
      const delay = d.jitterMs > 0 ? (this.opts.random ?? Math.random)() * d.jitterMs : 0;
      if (delay === 0 && d.copies === 1) this.opts.invoke(fn, payload);
      else this.stops.push(this.opts.clock.after(delay, () => this.opts.invoke(fn, payload)));
    }
  }

  /** Calls `listener` with each event published on Shepherd's bus, as it is put: the scenario's people react so. */
  onPublished(listener: (event: AwsEvent) => void): void {
    this.listeners.push(listener);
  }

  /** Starts every schedule rule: each firing is an `aws.events` Scheduled Event through the rule's targets. */
  startSchedules(): void {
    for (const rule of this.opts.rules.filter((r) => r.ScheduleExpression)) {
      const expression = rule.ScheduleExpression!;
      const arm = (from: Date) => {
        const at = nextFire(expression, from);
        this.stops.push(
          this.opts.clock.at(at.getTime(), () => {
            const event = envelope(
              'aws.events',
              'Scheduled Event',
              {},
              [`arn:aws:events:${REGION}:${ACCOUNT}:rule/${rule.id}`],
              at,
            );
            for (const target of rule.targets) {
              if (target.fn)
                this.opts.invoke(
                  target.fn,
                  target.InputTransformer ? JSON.parse(applyInputTransformer(target.InputTransformer, event)) : event,
                );
            }
            arm(at);
          }),
        );
      };
      arm(this.opts.clock.now());
    }
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
  }
}

const summary = (detail: Record<string, unknown>): string => {
  const parts = ['model', 'trainingJobName', 'trigger', 'reason', 'reasons', 'modelPackageArn', 'approvalStatus']
    .filter((k) => detail[k] !== undefined)
    .map((k) => `${k}=${String(detail[k])}`);
  return parts.length ? `  ${parts.join(' ')}` : '';
};
