// The pieces every emulated service of the local cloud shares: AWS-shaped errors, the event envelope, the
// printed timeline and injected throttling. The accelerated clock is local/clock.ts.
import { randomUUID } from 'node:crypto';
import type { Clock } from './clock';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

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
export const envelope = (
  source: string,
  detailType: string,
  detail: Record<string, unknown>,
  resources: string[],
  at: Date,
): AwsEvent => ({
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
  /** ThrottlingExceptions answered so far. */
  injected = 0;

  constructor(
    private readonly throttleRate: Record<string, number> = {},
    private readonly random: () => number = Math.random,
  ) {}

  check(service: string): void {
    const rate = this.throttleRate[service] ?? 0;
    if (rate > 0 && this.random() < rate) {
      this.injected++;
      throw new AwsError('ThrottlingException', 'Rate exceeded');
    }
  }
}
