// The conditional write at the heart of every decision, apart from what is done with its outbox afterwards: both a
// decision (./decider.ts) and the service's answer to a refused action (./outbox-drain.ts) are written this way.
import type { Decision } from '../domain/decisions';
import type { ItemKind } from '../state/item-check';
import type { Key } from '../state/keys';
import { StaleStateError, type OutboxEntry, type StateStore } from '../state/store';

export interface WriteDeps {
  store: StateStore;
  clock: () => Date;
}

/** What a write decided: the decision, and outbox entries the same write removes (`leaving`). */
export type Decide<S> = (
  state: S,
  now: Date,
  outbox: OutboxEntry[],
) => { decision: Decision<S>; leaving?: Set<string> };

// Writers of one item race (a bulk upload is many concurrent dataArrived); jittered backoff spreads them.
const MAX_RACES = 10;
const backoff = (race: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** Math.min(race, 6)));

/**
 * Read, decide, conditional write; again when another writer came between. Returns the outbox as read and the
 * entries the decision added.
 */
export async function writeDecision<S extends { version: number }>(
  deps: WriteDeps,
  key: Key,
  empty: S,
  kind: ItemKind,
  decide: Decide<S>,
): Promise<{ decision: Decision<S>; outbox: OutboxEntry[]; added: OutboxEntry[] }> {
  for (let race = 1; race <= MAX_RACES; race++) {
    const { state, outbox } = await deps.store.get(key, empty, kind);
    const now = deps.clock();
    const { decision, leaving = new Set<string>() } = decide(state, now, outbox);
    if (!decision.state && leaving.size === 0) return { decision, outbox, added: [] };
    const kept = outbox.filter((entry) => !leaving.has(entry.id));
    try {
      const added = await deps.store.save(key, state, kept, decision.state ?? state, decision.actions, now);
      return { decision, outbox, added };
    } catch (err) {
      if (!(err instanceof StaleStateError) || race === MAX_RACES) throw err;
      await backoff(race);
    }
  }
  throw new Error(`unreachable: ${MAX_RACES} races on ${key.pk}`);
}
