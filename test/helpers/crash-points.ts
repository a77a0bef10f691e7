// The crash points of each flow, derived from the calls a fault-free run's invocations made (local/crash.ts records
// them), so that no list of crash points is written by hand.
import type { Call, CrashPoint } from '../../local/crash';

/**
 * A flow: the invocations that did its work in the fault-free run, each picked as the first (or last) invocation
 * whose calls `match`, or the part of it that `from` and `until` bound.
 */
export interface Flow {
  name: string;
  picks: Pick[];
}

interface Pick {
  match: (calls: readonly Call[]) => boolean;
  which?: 'first' | 'last';
  /** The flow's part of the invocation begins with the decision (its outbox put) before this call… */
  from?: (call: Call) => boolean;
  /** …and ends before the decision of this call, when another flow's work follows in the same invocation. */
  until?: (call: Call) => boolean;
}

export interface CrashCase {
  flow: string;
  /** `UpdateItem #2 (after CreateTrainingJob) of reconcile`: the call crashed after, in words. */
  label: string;
  point: CrashPoint;
}

const READ = /^(Get|Describe|List|Query|Scan|Search|BatchGet)/;

/**
 * Every write call (reads change nothing, so crashing after one is crashing before the next write) of each flow's
 * invocations in the fault-free run, each once, as a crash point: the kth call of its kind (its operation, and the
 * domain event, notification or DynamoDB write it is: local/crash-requests.ts) made by the invocation that made the
 * flow's first write (the decision, told by its kind, the item it writes and how many of that kind on that item came
 * before), whichever function and tick that falls to. Counting every call of the operation in the run would not do:
 * how many lease claims, ticks and decisions of other flows come first varies with timing, so the nth of them is
 * another call, or none, in the crashed run. Decisions on one item are one after another, each on the state the last
 * one left, so their order is the line's own and load cannot change it.
 */
export function crashCases(calls: readonly Call[], flows: readonly Flow[]): CrashCase[] {
  const nth = new Map<Call, number>();
  const nthAbout = new Map<Call, number>();
  const seen = new Map<string, number>();
  const byInvocation = new Map<number, Call[]>();
  const count = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1).get(key)!;
  for (const call of calls) {
    nth.set(call, count(kindOf(call)));
    nthAbout.set(call, count(`${kindOf(call)} about ${call.subject ?? ''}`));
    byInvocation.set(call.invocation, [...(byInvocation.get(call.invocation) ?? []), call]);
  }
  const taken = new Set<string>();
  return flows.flatMap((flow) => {
    const cases: CrashCase[] = [];
    const perOperation = new Map<string, number>();
    for (const pick of flow.picks) {
      const matching = [...byInvocation.values()].filter((c) => pick.match(c));
      const mine = (pick.which === 'last' ? matching.at(-1) : matching[0]) ?? [];
      // The decision's outbox put comes right before the flow's first call.
      const first = pick.from ? mine.findIndex(pick.from) : 0;
      const decision = (at: number) => (at > 0 && mine[at - 1]!.operation === 'PutItem' ? at - 1 : at);
      const begin = decision(Math.max(first, 0));
      const stop = pick.until ? mine.findIndex(pick.until) : -1;
      const writes = mine.slice(begin, stop > 0 ? decision(stop) : undefined);
      const anchor = writes.find((call) => !READ.test(call.operation));
      const within = anchor && { ...kind(anchor), ...about(anchor), nth: nthAbout.get(anchor)! };
      const inPart = new Map<string, number>();
      let lastService = '';
      for (const call of writes) {
        const dynamo = /Item$/.test(call.operation);
        if (!dynamo) lastService = call.operation;
        if (READ.test(call.operation) || !within) continue;
        inPart.set(kindOf(call), (inPart.get(kindOf(call)) ?? 0) + 1);
        const id = `${kindOf(call)}/${nth.get(call)}`;
        if (taken.has(id)) continue;
        taken.add(id);
        const point = { ...kind(call), nth: inPart.get(kindOf(call))!, within };
        const k = (perOperation.get(call.operation) ?? 0) + 1;
        perOperation.set(call.operation, k);
        const after = dynamo && lastService ? ` (after ${lastService})` : '';
        cases.push({ flow: flow.name, label: `${call.operation}${k > 1 ? ` #${k}` : ''}${after}`, point });
      }
    }
    return cases;
  });
}

const kind = (call: Call) => ({ operation: call.operation, ...(call.tag ? { tag: call.tag } : {}) });
const kindOf = (call: Call) => `${call.operation}/${call.tag ?? ''}`;
const about = (call: Call) => (call.subject ? { subject: call.subject } : {});

/** An invocation that made this call, or published this domain event. */
export const made =
  (operation: string) =>
  (calls: readonly Call[]): boolean =>
    calls.some((c) => c.operation === operation || (c.detailTypes?.includes(operation) ?? false));

export const both =
  (...all: ((calls: readonly Call[]) => boolean)[]) =>
  (calls: readonly Call[]): boolean =>
    all.every((m) => m(calls));
