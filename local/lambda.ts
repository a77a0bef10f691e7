// The functions, in-process: the same modules as the Lambda bundles, invoked the way Lambda's asynchronous
// invocation does it — a failure is retried after one minute and after two more, then dead-lettered. The parts:
// lambda/concurrency.ts (reserved concurrency), lambda/context.ts (the context a handler gets).
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import type { Timeline } from './core';
import type { Clock } from './clock';
import type { CrashFault } from './crash';
import { ConcurrencyLimit } from './lambda/concurrency';
import { lambdaContext } from './lambda/context';
import { ROOT } from './template';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

export interface FunctionDef {
  name: string;
  /** `functions/data-arrived.handler`, as in the template. */
  handler: string;
  maximumRetryAttempts: number;
  /** The function's timeout; Lambda's default is 3 s. */
  timeoutSeconds?: number;
}

export interface DeadLetter {
  function: string;
  error: string;
  payload: unknown;
  at: string;
}

const RETRY_DELAYS_MS = [60_000, 120_000];

export class LambdaRuntime {
  readonly deadLetters: DeadLetter[] = [];
  readonly errors: { function: string; error: string; attempt: number }[] = [];
  invocations = 0;
  private inFlight = 0;
  private readonly handlers = new Map<string, Handler>();
  private readonly environments: ConcurrencyLimit;

  constructor(
    private readonly opts: {
      clock: Clock;
      timeline: Timeline;
      functions: FunctionDef[];
      /** Sees each invocation's calls and kills the one at the crash point (local/crash.ts). */
      crash?: CrashFault;
      /** At most this many invocations run at once, the rest wait their turn (a function's reserved concurrency). */
      maxConcurrency?: number;
    },
  ) {
    this.environments = new ConcurrencyLimit(opts.maxConcurrency);
  }

  /** The most invocations that ran at once. */
  get peakConcurrency(): number {
    return this.environments.peak;
  }

  /** Loads every handler module once, as a cold start would; env must be set before. */
  load(): void {
    for (const fn of this.opts.functions) {
      const [file, exportName] = [
        fn.handler.slice(0, fn.handler.lastIndexOf('.')),
        fn.handler.slice(fn.handler.lastIndexOf('.') + 1),
      ];
      const mod = require(join(ROOT, file)) as Record<string, Handler>;
      const handler = mod[exportName];
      if (typeof handler !== 'function') throw new Error(`${fn.handler} does not export a handler`);
      this.handlers.set(fn.name, handler);
    }
  }

  get busy(): boolean {
    return this.inFlight > 0;
  }

  /** A synchronous invocation, as a Function URL makes: the caller gets the answer or the error, never a retry. */
  async invoke(name: string, payload: unknown): Promise<unknown> {
    const fn = this.opts.functions.find((f) => f.name === name);
    const handler = this.handlers.get(name);
    if (!fn || !handler) throw new Error(`no function ${name} in the stack`);
    this.invocations++;
    this.inFlight++;
    try {
      return await this.run(handler, payload, fn);
    } finally {
      this.inFlight--;
    }
  }

  invokeAsync(name: string, payload: unknown): void {
    const fn = this.opts.functions.find((f) => f.name === name);
    const handler = this.handlers.get(name);
    if (!fn || !handler) throw new Error(`no function ${name} in the stack`);
    this.inFlight++;
    void this.attempt(fn, handler, payload, 0).finally(() => this.inFlight--);
  }

  /**
   * A running handler holds virtual time: however long it takes here, it took no time in the scenario. Its timeout
   * is on the wall clock, as in Lambda, so a handler that hangs fails and is retried instead of stopping time (Lambda
   * would also stop the handler; here it runs on, unheard).
   */
  private async run(handler: Handler, payload: unknown, fn: FunctionDef): Promise<unknown> {
    // Waiting for a free environment holds virtual time too: a queued event has not been handled yet.
    const release = this.opts.clock.hold();
    const free = await this.environments.slot();
    const seconds = fn.timeoutSeconds ?? 3;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            Object.assign(new Error(`Task timed out after ${seconds.toFixed(2)} seconds`), { name: 'TimeoutError' }),
          ),
        seconds * 1000,
      );
    });
    const call = async () => handler(structuredClone(payload), lambdaContext(fn.name, this.invocations, seconds));
    const invocation = this.opts.crash ? this.opts.crash.run(fn.name, call) : call();
    // Past its timeout nobody awaits it: a later failure must not surface as an unhandled rejection.
    invocation.catch(() => undefined);
    try {
      return await Promise.race([invocation, timedOut]);
    } finally {
      clearTimeout(timer);
      free();
      release();
    }
  }

  private async attempt(fn: FunctionDef, handler: Handler, payload: unknown, attempt: number): Promise<void> {
    this.invocations++;
    try {
      const result = await this.run(handler, payload, fn);
      const r = result as { status?: string; reason?: string; problems?: string[] } | undefined;
      if (r?.status === 'rejected')
        this.opts.timeline.log('lambda', `${fn.name} rejected its event: ${(r.problems ?? []).join('; ')}`);
    } catch (err) {
      const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      this.errors.push({ function: fn.name, error, attempt });
      if (attempt < Math.min(fn.maximumRetryAttempts, RETRY_DELAYS_MS.length)) {
        this.opts.timeline.log(
          'lambda',
          `${fn.name} failed (${error}); Lambda retries in ${RETRY_DELAYS_MS[attempt]! / 60_000} min`,
        );
        await this.opts.clock.sleep(RETRY_DELAYS_MS[attempt]!);
        return this.attempt(fn, handler, payload, attempt + 1);
      }
      this.deadLetters.push({ function: fn.name, error, payload, at: this.opts.clock.now().toISOString() });
      this.opts.timeline.log('lambda', `${fn.name} failed for good (${error}): event sent to the dead-letter queue`);
    }
  }
}
