// Read, decide, conditional write, then perform: the one way Shepherd changes state. The write
// (./decision-write.ts), performing the outbox (./outbox-drain.ts) and taking on leftovers (./outbox-leftovers.ts)
// live apart; this file says in what order an invocation does them.
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { Action } from '../domain/actions';
import type { Decision } from '../domain/decisions';
import type { ItemKind } from '../state/item-check';
import type { Key } from '../state/keys';
import type { OutboxEntry, StateStore } from '../state/store';
import { writeDecision } from './decision-write';
import type { OnPermanent, Recovery } from './errors';
import { everyLeftover, type Performs } from './grants';
import { OutboxDrain } from './outbox-drain';
import { claimLeftovers } from './outbox-leftovers';
import type { OutboxOrder } from './outbox-order';

export interface DeciderDeps {
  store: StateStore;
  logger: Logger;
  metrics: Metrics;
  clock: () => Date;
  /** The leftover actions the function's role is granted (./grants.ts), unless a call says; every one when unsaid. */
  performs?: Performs;
}

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
  private readonly outbox: OutboxDrain;

  /** `order`: what a failing entry holds back (./outbox-order.ts); each decision's own entries by default. */
  constructor(
    private readonly deps: DeciderDeps,
    perform: (action: Action) => Promise<void>,
    private readonly order: OutboxOrder = 'decision',
  ) {
    this.outbox = new OutboxDrain(deps, perform, order);
  }

  /**
   * `finishLeftovers: false` for a decision made while performing another's actions: one failure, one retry.
   * `onPermanent`: without it, a refused action is thrown like any failure. `performs`: see `finishLeftovers`.
   */
  async apply<S extends { version: number }>(
    key: Key,
    empty: S,
    kind: ItemKind,
    decide: (state: S, now: Date) => Decision<S>,
    context: Record<string, unknown> = {},
    opts: { finishLeftovers?: boolean; onPermanent?: OnPermanent<S>; performs?: Performs } = {},
  ): Promise<Decision<S>> {
    const recovery = opts.onPermanent ? { empty, kind, onPermanent: opts.onPermanent } : undefined;
    const write = await writeDecision(this.deps, key, empty, kind, (state, now) => ({ decision: decide(state, now) }));
    const { decision, outbox, added } = write;
    report(this.deps, decision, context);
    // Work an earlier invocation decided but could not finish (throttled, crashed) is finished by the next one.
    if (opts.finishLeftovers === false) await this.drain(key, added, recovery);
    else if (this.order === 'item') {
      // This event's own work comes after them: in the item's order.
      const claimed = await claimLeftovers(this.deps, key, outbox, this.grants(opts.performs));
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

  /** Performs outbox entries this invocation owns (./outbox-drain.ts). */
  drain<S extends { version: number }>(key: Key, entries: OutboxEntry[], recovery?: Recovery<S>): Promise<void> {
    return this.outbox.drain(key, entries, recovery);
  }

  /**
   * Claims and performs the entries whose owner failed or died (their lease ran out). `performs`: the actions this
   * function's role is granted (./outbox-leftovers.ts).
   */
  async finishLeftovers<S extends { version: number }>(
    key: Key,
    outbox: OutboxEntry[],
    recovery?: Recovery<S>,
    performs?: Performs,
  ): Promise<number> {
    const claimed = await claimLeftovers(this.deps, key, outbox, this.grants(performs));
    await this.drain(key, claimed, recovery);
    return claimed.length;
  }

  /** The leftovers this call may take on: as it says, else as the function's role is granted, else every one. */
  private grants(performs?: Performs): Performs {
    return performs ?? this.deps.performs ?? everyLeftover;
  }
}
