// The crash fault: the invocation that made the nth successful call of an operation dies right after it. The call's
// side effect stays in the emulated world; nothing the invocation does afterwards reaches any emulator or DynamoDB,
// and the Lambda runtime fails it, so Lambda's retries or the next scheduled tick take over.
import { AsyncLocalStorage } from 'node:async_hooks';
import { ClientRequest, type IncomingMessage } from 'node:http';

export interface CrashPoint {
  /** The operation as its request names it: `CreateTrainingJob`, `PutItem`, `Publish`, `PutEvents`. */
  operation: string;
  /** 1 for the first successful call of the operation (by `function` when given), 2 for the second, … */
  nth: number;
  /** Only calls made by this function count (`trainingStateChanged`). */
  function?: string;
}

/** `CreateTrainingJob`, `PutItem#3`, `UpdateItem#2@reconcile`: `npm start -- --crash-after`'s way to say a point. */
export function parseCrashPoint(text: string): CrashPoint {
  const match = /^([A-Z][A-Za-z0-9]*)(?:#([1-9][0-9]*))?(?:@([a-zA-Z][a-zA-Z0-9]*))?$/.exec(text);
  if (!match) {
    throw new Error(
      `--crash-after ${text}: expected <Operation>[#nth][@function], e.g. CreateTrainingJob or UpdateItem#2@reconcile`,
    );
  }
  const [, operation, nth, fn] = match;
  return { operation: operation!, nth: nth ? Number(nth) : 1, ...(fn ? { function: fn } : {}) };
}

/** A successful call made by an invocation, in the order the calls succeeded. */
export interface Call {
  invocation: number;
  function: string;
  operation: string;
  /** PutEvents' entries' detail-types: which domain event the call published. */
  detailTypes?: string[];
}

export interface Crash {
  function: string;
  operation: string;
  nth: number;
  at: string;
}

/** What an invocation is, seen by the patched ClientRequest (shared across module registries, see below). */
interface Invocation {
  dead: boolean;
  succeeded(operation: string, body: string): void;
}

/** Thrown into the invocation's caller (the Lambda runtime) at the moment of the crash. */
export class CrashError extends Error {
  override name = 'Crashed';
}

// ClientRequest is one object per process, while each jest test file has its own copy of this module: the storage
// lives on the prototype so that every copy's invocations are seen by the one patch.
const STORE = Symbol.for('shepherd.local.crash.invocation');
type Patched = ClientRequest & { [STORE]?: AsyncLocalStorage<Invocation> };

function installPatch(): AsyncLocalStorage<Invocation> {
  const proto = ClientRequest.prototype as Patched;
  const existing = proto[STORE];
  if (existing) return existing;
  const storage = new AsyncLocalStorage<Invocation>();
  proto[STORE] = storage;
  const bodies = new WeakMap<ClientRequest, string>();
  const { write, end } = proto;
  // The headers leave with the first write or end (the SDK sends each body with one `end`), so a dead invocation's
  // request is destroyed there, before a byte is sent. Requests outside an invocation pass untouched.
  proto.write = function (this: ClientRequest, ...args: unknown[]) {
    const invocation = storage.getStore();
    if (invocation?.dead) return refuse(this);
    if (invocation) bodies.set(this, (bodies.get(this) ?? '') + text(args[0]));
    return Reflect.apply(write, this, args) as boolean;
  } as ClientRequest['write'];
  proto.end = function (this: ClientRequest, ...args: unknown[]) {
    const invocation = storage.getStore();
    if (invocation?.dead) {
      refuse(this);
      return this;
    }
    if (invocation) {
      const body = (bodies.get(this) ?? '') + (typeof args[0] === 'function' ? '' : text(args[0]));
      this.once('response', (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) invocation.succeeded(operationOf(this, body), body);
      });
    }
    return Reflect.apply(end, this, args) as ClientRequest;
  } as ClientRequest['end'];
  return storage;
}

function refuse(request: ClientRequest): false {
  process.nextTick(() => request.destroy(new CrashError('the invocation crashed before sending this request')));
  return false;
}

const text = (chunk: unknown): string =>
  typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : '';

/** JSON protocols name it in X-Amz-Target (DynamoDB too); query protocols in the body's Action; S3 reads are GETs. */
function operationOf(request: ClientRequest, body: string): string {
  const target = request.getHeader('x-amz-target');
  if (typeof target === 'string') return target.slice(target.lastIndexOf('.') + 1);
  const action = new URLSearchParams(body).get('Action');
  if (action) return action;
  return request.method === 'GET' ? 'GetObject' : `${request.method} ${request.path}`;
}

function detailTypesOf(operation: string, body: string): string[] | undefined {
  if (operation !== 'PutEvents') return undefined;
  try {
    const { Entries } = JSON.parse(body) as { Entries?: { DetailType?: string }[] };
    return (Entries ?? []).map((e) => e.DetailType ?? '');
  } catch {
    return undefined;
  }
}

/**
 * Records every successful call each invocation makes and, given a crash point, kills the invocation that makes it.
 * `run` wraps one invocation: it settles as the handler does, or rejects with a CrashError the moment the crash
 * point's call succeeded, while the handler runs on unheard and every request it starts afterwards is destroyed.
 */
export class CrashFault {
  readonly calls: Call[] = [];
  readonly crashes: Crash[] = [];
  private readonly storage = installPatch();
  private readonly counts = new Map<string, number>();
  private invocations = 0;

  constructor(
    private readonly opts: {
      point?: CrashPoint;
      now: () => Date;
      log: (message: string) => void;
    },
  ) {}

  run<T>(functionName: string, body: () => Promise<T>): Promise<T> {
    const id = ++this.invocations;
    return new Promise<T>((resolve, reject) => {
      const invocation: Invocation = {
        dead: false,
        succeeded: (operation, sent) => {
          if (invocation.dead) return;
          const detailTypes = detailTypesOf(operation, sent);
          this.calls.push({
            invocation: id,
            function: functionName,
            operation,
            ...(detailTypes ? { detailTypes } : {}),
          });
          const nth = this.count(functionName, operation);
          if (nth === undefined) return;
          invocation.dead = true;
          this.crashes.push({ function: functionName, operation, nth, at: this.opts.now().toISOString() });
          this.opts.log(`${functionName} crashes right after ${operation} (#${nth} of the crash point)`);
          reject(new CrashError(`Crashed after ${operation}`));
        },
      };
      this.storage.run(invocation, body).then(resolve, reject);
    });
  }

  /** Counts a call against the crash point; its number when this call is the one to crash after. */
  private count(functionName: string, operation: string): number | undefined {
    const point = this.opts.point;
    if (!point || point.operation !== operation || (point.function && point.function !== functionName)) return;
    const key = `${point.function ?? '*'}/${operation}`;
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n === point.nth ? n : undefined;
  }
}
