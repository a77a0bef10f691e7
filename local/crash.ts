// The crash fault: the invocation that made the nth successful call of an operation dies right after it. The call's
// side effect stays in the emulated world; nothing the invocation does afterwards reaches any emulator or DynamoDB,
// and the Lambda runtime fails it, so Lambda's retries or the next scheduled tick take over.
import { type CallDetail, detailOf, type Invocation, installPatch } from './crash-requests';

/** A kind of call: its operation and, when given, its tag (local/crash-requests.ts). */
export interface CallKind {
  /** The operation as its request names it: `CreateTrainingJob`, `PutItem`, `Publish`, `PutEvents`. */
  operation: string;
  /** Only calls of this kind count: sturdier than counting every call of the operation. */
  tag?: string;
}

export interface CrashPoint extends CallKind {
  /** 1 for the first successful call of the kind (by `function`, or `within`, when given), 2 for the second, … */
  nth: number;
  /** Only calls made by this function count (`trainingStateChanged`). */
  function?: string;
  /**
   * Only calls made by the invocation that made the nth call of this kind count, from that call on: a flow's
   * decision and the calls that carry it out, whichever function and tick it falls to. Given a `subject`, only the
   * calls about it are counted: the nth decision of its kind on that item, however many other items' come first.
   */
  within?: CallKind & { subject?: string; nth: number };
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
export interface Call extends CallDetail {
  invocation: number;
  function: string;
  operation: string;
}

export interface Crash {
  function: string;
  operation: string;
  nth: number;
  at: string;
}

/** Thrown into the invocation's caller (the Lambda runtime) at the moment of the crash. */
export class CrashError extends Error {
  override name = 'Crashed';
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
  private readonly crashesAt: ((call: Call) => number | undefined) | undefined;
  private invocations = 0;

  constructor(
    private readonly opts: {
      point?: CrashPoint;
      now: () => Date;
      log: (message: string) => void;
    },
  ) {
    this.crashesAt = opts.point && crashMatcher(opts.point);
  }

  run<T>(functionName: string, body: () => Promise<T>): Promise<T> {
    const id = ++this.invocations;
    return new Promise<T>((resolve, reject) => {
      const invocation: Invocation = {
        dead: false,
        succeeded: (operation, sent) => {
          if (invocation.dead) return;
          const call = { invocation: id, function: functionName, operation, ...detailOf(operation, sent) };
          this.calls.push(call);
          const nth = this.crashesAt?.(call);
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
}

/**
 * Counts each successful call, in the order they succeeded, against the crash point: its number when it is the call
 * to crash after.
 */
export function crashMatcher(point: CrashPoint): (call: Call) => number | undefined {
  const { within } = point;
  /** The invocation that made the `within` call of the crash point. */
  let anchor: number | undefined;
  let anchors = 0;
  let counted = 0;
  return ({ invocation, function: functionName, operation, tag, subject }) => {
    if (within) {
      const about = within.subject === undefined || within.subject === subject;
      if (anchor === undefined && about && isKind(within, operation, tag) && ++anchors === within.nth)
        anchor = invocation;
      if (anchor !== invocation) return;
    } else if (point.function && point.function !== functionName) return;
    if (!isKind(point, operation, tag)) return;
    return ++counted === point.nth ? counted : undefined;
  };
}

const isKind = (kind: CallKind, operation: string, tag: string | undefined) =>
  kind.operation === operation && (kind.tag === undefined || kind.tag === tag);
