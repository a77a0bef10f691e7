// Which leftover outbox entries (their owner failed or died, their lease ran out) an invocation takes on: apart from
// performing them (./outbox-drain.ts), because what a function may take depends on its role's grants.
import type { Logger } from '@aws-lambda-powertools/logger';
import { leaseNow, type Key } from '../state/keys';
import type { OutboxEntry, StateStore } from '../state/store';
import { decisionOf } from './errors';
import type { Performs } from './grants';

/**
 * Claims the expired entries `performs` allows. An entry the role is not granted, and the rest of its decision, are
 * left to a function whose role is (the reconciler's has every grant a line's work needs), not refused for good by IAM.
 */
export async function claimLeftovers(
  deps: { store: StateStore; logger: Logger },
  key: Key,
  outbox: OutboxEntry[],
  performs: Performs,
): Promise<OutboxEntry[]> {
  const claimed: OutboxEntry[] = [];
  const expired = outbox.filter((e) => e.leaseUntil < leaseNow());
  const mine = withinGrants(expired, performs);
  if (mine.length < expired.length) {
    const left = expired.filter((e) => !mine.includes(e)).map((e) => e.id);
    deps.logger.info('outbox work left to a function granted it', { key, ids: left });
  }
  for (const entry of mine) {
    const held = await deps.store.claimOutboxEntry(key, entry);
    if (held) claimed.push(held);
  }
  if (claimed.length > 0) {
    deps.logger.warn('performing actions left in the outbox', { key, ids: claimed.map((e) => e.id) });
  }
  return claimed;
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
