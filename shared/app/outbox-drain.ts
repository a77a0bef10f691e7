// Performing the outbox, apart from deciding what goes into it (./decider.ts): the order a failing entry holds back,
// what "not now" and a refusal for good do to the entries, and giving entries back after a failure.
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { Action } from '../domain/actions';
import { nothing } from '../domain/decisions';
import type { Key } from '../state/keys';
import type { OutboxEntry } from '../state/store';
import { writeDecision, type WriteDeps } from './decision-write';
import { classifyError, isRetryLater, leavingWith, type Recovery } from './errors';
import { byDecision, type OutboxOrder } from './outbox-order';

export interface DrainDeps extends WriteDeps {
  logger: Logger;
  metrics: Metrics;
}

export class OutboxDrain {
  constructor(
    private readonly deps: DrainDeps,
    private readonly perform: (action: Action) => Promise<void>,
    private readonly order: OutboxOrder,
  ) {}

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
    const { decision, added } = await writeDecision(
      this.deps,
      key,
      recovery.empty,
      recovery.kind,
      (state, now, outbox) => {
        leaving = leavingWith(outbox, entry);
        if (leaving.size === 0) return { decision: nothing('refused action already handled', refusal) };
        return { decision: recovery.onPermanent(state, entry.action, error, now), leaving };
      },
    );
    if (leaving.size === 0) return void this.deps.logger.info(decision.log.message, refusal);
    this.deps.logger.error('action refused for good: not retried', { ...refusal, dropped: [...leaving] });
    this.deps.logger.info(decision.log.message, { key, ...decision.log.data });
    this.deps.metrics.addMetric('PermanentErrors', MetricUnit.Count, 1);
    for (const m of decision.metrics) this.deps.metrics.addMetric(m, MetricUnit.Count, 1);
    return [...rest.filter((e) => !leaving.has(e.id)), ...added];
  }
}
