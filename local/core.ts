// The pieces every emulated service of the local cloud shares: the accelerated clock, AWS-shaped errors,
// the event envelope and the printed timeline.
import { randomUUID } from 'node:crypto';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

/** Virtual time runs `speed` times faster than the wall clock, from `start`. */
export class Clock {
  private realStart = performance.now();
  private readonly timers = new Set<NodeJS.Timeout>();
  constructor(
    readonly start: Date,
    readonly speed: number,
  ) {}

  now(): Date {
    return new Date(this.start.getTime() + (performance.now() - this.realStart) * this.speed);
  }

  /** Starts virtual time over at `start`: booting the cloud must not eat the scenario's first minutes. */
  restart(): void {
    this.realStart = performance.now();
  }

  /** Runs `fn` once `virtualMs` of virtual time have passed. */
  after(virtualMs: number, fn: () => void): () => void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, Math.max(0, virtualMs / this.speed));
    this.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  /** Cancels everything still scheduled: the local cloud is shutting down. */
  stopAll(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Resolves once `virtualMs` of virtual time have passed. */
  sleep(virtualMs: number): Promise<void> {
    return new Promise((resolve) => this.after(virtualMs, resolve));
  }

  /** `T+01:05:12`: virtual time since the start, for the timeline. */
  offset(at: Date = this.now()): string {
    const s = Math.max(0, Math.floor((at.getTime() - this.start.getTime()) / 1000));
    const pad = (n: number) => String(n).padStart(2, '0');
    return `T+${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  }
}

/** An error as AWS answers it: the SDK turns `code` into the same exception class it raises against AWS. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = code;
  }
}

export interface AwsEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

/** EventBridge's envelope, with the time at second precision as AWS writes it. */
export const envelope = (source: string, detailType: string, detail: Record<string, unknown>, resources: string[], at: Date): AwsEvent => ({
  version: '0',
  id: randomUUID(),
  'detail-type': detailType,
  source,
  account: ACCOUNT,
  time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  region: REGION,
  resources,
  detail,
});

export interface TimelineLine {
  at: string;
  offset: string;
  source: string;
  message: string;
}

/** What the local cloud saw and did, printed as it happens (unless quiet) and kept for the summary. */
export class Timeline {
  readonly lines: TimelineLine[] = [];
  constructor(
    private readonly clock: Clock,
    private readonly print: boolean,
  ) {}

  log(source: string, message: string): void {
    const at = this.clock.now();
    const line = { at: at.toISOString(), offset: this.clock.offset(at), source, message };
    this.lines.push(line);
    if (this.print) process.stdout.write(`${line.offset}  ${source.padEnd(11)} ${message}\n`);
  }
}

/** A JSON-protocol service (SageMaker, EventBridge, SSM, CloudWatch): an operation name and its input. */
export type JsonService = (operation: string, input: Record<string, unknown>) => unknown | Promise<unknown>;

/** Injected faults: a share of calls answered with ThrottlingException, as a busy AWS account sees. */
export class Faults {
  constructor(
    private readonly throttleRate: Record<string, number> = {},
    private readonly random: () => number = Math.random,
  ) {}

  check(service: string): void {
    const rate = this.throttleRate[service] ?? 0;
    if (rate > 0 && this.random() < rate) throw new AwsError('ThrottlingException', 'Rate exceeded');
  }
}
