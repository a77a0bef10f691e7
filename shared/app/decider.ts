import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { Action } from '../domain/actions';
import type { Decision } from '../domain/decisions';
import { StaleStateError, type Key, type OutboxEntry, type StateStore } from '../state/store';

export interface DeciderDeps {
  store: StateStore;
  logger: Logger;
  metrics: Metrics;
  clock: () => Date;
}

/** Errors that mean "try again in a while", not "something broke". */
export const isRetryLater = (err: unknown): boolean =>
  err instanceof Error && (err as Error & { retryLater?: boolean }).retryLater === true;

// Writers of one item race (a bulk upload is many concurrent dataArrived); jittered backoff spreads them.
const MAX_RACES = 10;
const backoff = (race: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** Math.min(race, 6)));

/**
 * Read, decide, conditional write, then perform: the one way Shepherd changes state. The next state and the
 * actions it calls for are written together (the item's outbox); actions are performed afterwards.
 */
export class Decider {
  constructor(
    private readonly deps: DeciderDeps,
    private readonly perform: (action: Action) => Promise<void>,
  ) {}

  /** `finishLeftovers: false` for a decision made while performing another's actions: one failure, one retry. */
  async apply<S extends { version: number }>(
    key: Key,
    empty: S,
    decide: (state: S, now: Date) => Decision<S>,
    context: Record<string, unknown> = {},
    opts: { finishLeftovers?: boolean } = {},
  ): Promise<Decision<S>> {
    for (let race = 1; race <= MAX_RACES; race++) {
      const { state, outbox } = await this.deps.store.get(key, empty);
      const now = this.deps.clock();
      const decision = decide(state, now);
      let added: OutboxEntry[] = [];
      if (decision.state) {
        try {
          added = await this.deps.store.save(key, state, outbox, decision.state, decision.actions, now);
        } catch (err) {
          if (err instanceof StaleStateError && race < MAX_RACES) {
            await backoff(race);
            continue;
          }
          throw err;
        }
      }
      this.deps.logger.info(decision.log.message, { ...context, ...decision.log.data });
      for (const m of decision.metrics) this.deps.metrics.addMetric(m, MetricUnit.Count, 1);
      // Work an earlier invocation decided but could not finish (throttled, crashed) is finished by the next one.
      if (opts.finishLeftovers !== false) await this.finishLeftovers(key, outbox);
      await this.drain(key, added);
      return decision;
    }
    throw new Error(`unreachable: ${MAX_RACES} races on ${key.pk}`);
  }

  /** Performs outbox entries this invocation owns, in order, removing each once done; a failure is rethrown. */
  async drain(key: Key, entries: OutboxEntry[]): Promise<void> {
    for (const [i, entry] of entries.entries()) {
      try {
        await this.perform(entry.action);
      } catch (err) {
        const unperformed = entries.slice(i).map((e) => e.id);
        await this.deps.store.releaseOutboxEntries(key, unperformed).catch((releaseError: unknown) => {
          const message = 'could not release outbox entries; they wait for their lease to end';
          this.deps.logger.warn(message, { key, releaseError });
        });
        // "Not now" (an endpoint busy with its own update) is no failure: the entries stay, the reconciler retries.
        if (isRetryLater(err)) {
          return this.deps.logger.info('outbox work deferred', { key, reason: (err as Error).message });
        }
        throw err;
      }
      await this.deps.store.completeOutboxEntry(key, entry.id);
    }
  }

  /** Claims and performs the entries whose owner failed or died (their lease ran out). */
  async finishLeftovers(key: Key, outbox: OutboxEntry[]): Promise<number> {
    const claimed: OutboxEntry[] = [];
    for (const entry of outbox.filter((e) => e.leaseUntil < Date.now())) {
      if (await this.deps.store.claimOutboxEntry(key, entry.id)) claimed.push(entry);
    }
    if (claimed.length > 0) {
      this.deps.logger.warn('performing actions left in the outbox', { key, ids: claimed.map((e) => e.id) });
    }
    await this.drain(key, claimed);
    return claimed.length;
  }
}
