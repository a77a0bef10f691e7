import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { Action } from '../domain/actions';
import { nothing, type Decision } from '../domain/decisions';
import { StaleStateError, type OutboxEntry, type StateStore } from '../state/store';
import { leaseNow, type Key } from '../state/keys';
import { classifyError, decisionOf, isRetryLater, leavingWith, type OnPermanent, type Recovery } from './errors';
import type { Performs } from './grants';
import { byDecision, type OutboxOrder } from './outbox-order';

export { isRetryLater, type OnPermanent } from './errors';
export type { OutboxOrder } from './outbox-order';

export interface DeciderDeps {
  store: StateStore;
  logger: Logger;
  metrics: Metrics;
  clock: () => Date;
  /** The leftover actions the function's role is granted (./grants.ts), unless a call says; every one when unsaid. */
  performs?: Performs;
}

// Writers of one item race (a bulk upload is many concurrent dataArrived); jittered backoff spreads them.
const MAX_RACES = 10;
const backoff = (race: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** Math.min(race, 6)));

/** Logs a decision's summary and counts its metrics. */
export function report(
  deps: Pick<DeciderDeps, 'logger' | 'metrics'>,
  decision: Pick<Decision<unknown>, 'log' | 'metrics'>,
  context: Record<string, unknown> = {},
): void {
  deps.logger.info(decision.log.message, { ...context, ...decision.log.data });
  for (const m of decision.metrics) deps.metrics.addMetric(m, MetricUnit.Count, 1);
}

/**
 * Read, decide, conditional write, then perform: the one way Shepherd changes state. The next state and the
 * actions it calls for are written together (the item's outbox); actions are performed afterwards.
 */
export class Decider {
  /** `order`: what a failing entry holds back (./outbox-order.ts); each decision's own entries by default. */
  constructor(
    private readonly deps: DeciderDeps,
    private readonly perform: (action: Action) => Promise<void>,
    private readonly order: OutboxOrder = 'decision',
  ) {}

  /**
   * `finishLeftovers: false` for a decision made while performing another's actions: one failure, one retry.
   * `onPermanent`: without it, a refused action is thrown like any failure. `performs`: see `finishLeftovers`.
   */
  async apply<S extends { version: number }>(
    key: Key,
    empty: S,
    decide: (state: S, now: Date) => Decision<S>,
    context: Record<string, unknown> = {},
    opts: { finishLeftovers?: boolean; onPermanent?: OnPermanent<S>; performs?: Performs } = {},
  ): Promise<Decision<S>> {
    const recovery = opts.onPermanent ? { empty, onPermanent: opts.onPermanent } : undefined;
    const write = await this.write(key, empty, (state, now) => ({ decision: decide(state, now) }));
    const { decision, outbox, added } = write;
    report(this.deps, decision, context);
    // Work an earlier invocation decided but could not finish (throttled, crashed) is finished by the next one.
    if (opts.finishLeftovers === false) await this.drain(key, added, recovery);
    else if (this.order === 'item') {
      // This event's own work comes after them: in the item's order.
      const claimed = await this.claimLeftovers(key, outbox, opts.performs);
      await this.drain(key, [...claimed, ...added], recovery);
    } else {
      // One that fails holds back no other decision, this event's own included: its error is thrown at the end.
      const failed = await this.finishLeftovers(key, outbox, recovery, opts.performs).then(
        () => undefined,
        (err: unknown) => ({ err }),
      );
      await this.drain(key, added, recovery).catch((err: unknown) => {
        if (!failed) throw err;
      });
      if (failed) throw failed.err;
    }
    return decision;
  }

  /**
   * Read, decide, conditional write; again when another writer came between. `leaving`: outbox entries the same
   * write removes. Returns the outbox as read and the entries the decision added.
   */
  private async write<S extends { version: number }>(
    key: Key,
    empty: S,
    decide: (state: S, now: Date, outbox: OutboxEntry[]) => { decision: Decision<S>; leaving?: Set<string> },
  ): Promise<{ decision: Decision<S>; outbox: OutboxEntry[]; added: OutboxEntry[] }> {
    for (let race = 1; race <= MAX_RACES; race++) {
      const { state, outbox } = await this.deps.store.get(key, empty);
      const now = this.deps.clock();
      const { decision, leaving = new Set<string>() } = decide(state, now, outbox);
      if (!decision.state && leaving.size === 0) return { decision, outbox, added: [] };
      const kept = outbox.filter((entry) => !leaving.has(entry.id));
      try {
        const added = await this.deps.store.save(key, state, kept, decision.state ?? state, decision.actions, now);
        return { decision, outbox, added };
      } catch (err) {
        if (!(err instanceof StaleStateError) || race === MAX_RACES) throw err;
        await backoff(race);
      }
    }
    throw new Error(`unreachable: ${MAX_RACES} races on ${key.pk}`);
  }

  /**
   * Performs outbox entries this invocation owns, removing each once done: in order, a failing entry holding back
   * those after it in the item (`order: 'item'`) or in its own decision only (`'decision'`: the other decisions go on
   * and the first failure is thrown at the end). A failure is rethrown, except "not now" (left for the reconciler)
   * and, given a recovery, a permanent refusal (decided on, once).
   */
  async drain<S extends { version: number }>(key: Key, entries: OutboxEntry[], recovery?: Recovery<S>): Promise<void> {
    if (this.order === 'item') return this.drainInOrder(key, entries, recovery);
    let failed: { err: unknown } | undefined;
    for (const decision of byDecision(entries)) {
      await this.drainInOrder(key, decision, recovery).catch((err: unknown) => {
        failed ??= { err };
      });
    }
    if (failed) throw failed.err;
  }

  private async drainInOrder<S extends { version: number }>(
    key: Key,
    entries: OutboxEntry[],
    recovery?: Recovery<S>,
  ): Promise<void> {
    for (const [i, entry] of entries.entries()) {
      try {
        await this.perform(entry.action);
      } catch (err) {
        const permanent = recovery !== undefined && classifyError(err) === 'permanent';
        const rest = entries.slice(i + 1);
        const next = permanent ? await this.refused(key, entry, err as Error, recovery, rest) : undefined;
        // What the refused decision still says is performed first, then what the service decided about the refusal.
        if (next) return this.drain(key, next, recovery);
        await this.release(key, entries.slice(i));
        // "Not now" (an endpoint busy with its own update) is no failure: the entries stay, the reconciler retries.
        if (isRetryLater(err)) {
          return this.deps.logger.info('outbox work deferred', { key, reason: (err as Error).message });
        }
        // A refusal another invocation decided on first is handled; anything else is Lambda's to retry.
        if (permanent) return;
        if (this.order === 'item' && rest.length > 0) this.blocked(key, entry, rest, err);
        throw err;
      }
      await this.deps.store.completeOutboxEntry(key, entry.id);
    }
  }

  /** Gives entries back after a failure, so that Lambda's retry or the reconciler need not wait out the lease. */
  private release(key: Key, entries: OutboxEntry[]): Promise<void> {
    return this.deps.store.releaseOutboxEntries(key, entries).catch((releaseError: unknown) => {
      const message = 'could not release outbox entries; they wait for their lease to end';
      this.deps.logger.warn(message, { key, releaseError });
    });
  }

  /** An item whose order must hold waits behind its failing entry: said, naming it, so a stuck one is seen. */
  private blocked(key: Key, stuck: OutboxEntry, behind: OutboxEntry[], err: unknown): void {
    const error = err instanceof Error ? { name: err.name, message: err.message } : { message: String(err) };
    const since = stuck.createdAt;
    const waiting = behind.map((e) => e.id);
    const data = { key, stuck: stuck.id, action: stuck.action.type, since, error, waiting };
    this.deps.logger.warn('outbox held back by a failing entry', data);
    this.deps.metrics.addMetric('OutboxBlocked', MetricUnit.Count, 1);
  }

  /**
   * Claims and performs the entries whose owner failed or died (their lease ran out). `performs`: the actions this
   * function's role is granted; an entry it is not, and the rest of its decision, are left to a function whose role
   * is (the reconciler's has every grant a line's work needs), not refused for good by IAM.
   */
  async finishLeftovers<S extends { version: number }>(
    key: Key,
    outbox: OutboxEntry[],
    recovery?: Recovery<S>,
    performs: Performs = this.deps.performs ?? (() => true),
  ): Promise<number> {
    const claimed = await this.claimLeftovers(key, outbox, performs);
    await this.drain(key, claimed, recovery);
    return claimed.length;
  }

  private async claimLeftovers(
    key: Key,
    outbox: OutboxEntry[],
    performs: Performs = this.deps.performs ?? (() => true),
  ) {
    const claimed: OutboxEntry[] = [];
    const expired = outbox.filter((e) => e.leaseUntil < leaseNow());
    const mine = withinGrants(expired, performs);
    if (mine.length < expired.length) {
      const left = expired.filter((e) => !mine.includes(e)).map((e) => e.id);
      this.deps.logger.info('outbox work left to a function granted it', { key, ids: left });
    }
    for (const entry of mine) {
      const held = await this.deps.store.claimOutboxEntry(key, entry);
      if (held) claimed.push(held);
    }
    if (claimed.length > 0) {
      this.deps.logger.warn('performing actions left in the outbox', { key, ids: claimed.map((e) => e.id) });
    }
    return claimed;
  }

  /**
   * AWS refused an action for good: asking again every minute cannot help. The entry and the requests its decision
   * made after it leave the outbox in the same conditional write as the service's decision, so it is said once.
   * Not rethrown: no Lambda retry, no dead letter; logged as an error and counted in `PermanentErrors`. Returns what
   * is left to perform of `rest` and the entries the decision added; undefined when another invocation was first.
   */
  private async refused<S extends { version: number }>(
    key: Key,
    entry: OutboxEntry,
    error: Error,
    recovery: Recovery<S>,
    rest: OutboxEntry[],
  ): Promise<OutboxEntry[] | undefined> {
    const refusal = { key, action: entry.action.type, error: { name: error.name, message: error.message } };
    let leaving = new Set<string>();
    const { decision, added } = await this.write(key, recovery.empty, (state, now, outbox) => {
      leaving = leavingWith(outbox, entry);
      if (leaving.size === 0) return { decision: nothing('refused action already handled', refusal) };
      return { decision: recovery.onPermanent(state, entry.action, error, now), leaving };
    });
    if (leaving.size === 0) return void this.deps.logger.info(decision.log.message, refusal);
    this.deps.logger.error('action refused for good: not retried', { ...refusal, dropped: [...leaving] });
    this.deps.logger.info(decision.log.message, { key, ...decision.log.data });
    this.deps.metrics.addMetric('PermanentErrors', MetricUnit.Count, 1);
    for (const m of decision.metrics) this.deps.metrics.addMetric(m, MetricUnit.Count, 1);
    return [...rest.filter((e) => !leaving.has(e.id)), ...added];
  }
}

/** The entries a role may perform: none of a decision from its first entry the role is not granted on, in order. */
function withinGrants(entries: OutboxEntry[], performs: Performs): OutboxEntry[] {
  const held = new Set<string>();
  return entries.filter((entry) => {
    if (held.has(decisionOf(entry))) return false;
    if (performs(entry.action)) return true;
    held.add(decisionOf(entry));
    return false;
  });
}
