import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Action } from '../domain/actions';
import { CorruptStateError } from './corrupt';
import type { ItemKind } from './item-check';
import { type Key, LEASE_MS, leaseNow } from './keys';
import { outboxId } from './outbox-id';
import { writeIf } from './write';

interface Versioned {
  version: number;
}

export interface OutboxEntry {
  id: string;
  action: Action;
  createdAt: string;
  /** Epoch ms (on `leaseNow`) until which one invocation owns the entry. */
  leaseUntil: number;
}

/** Another writer changed the item between our read and our write: read again and decide again. */
export class StaleStateError extends Error {
  constructor(key: string) {
    super(`state ${key} changed while deciding`);
    this.name = 'StaleStateError';
  }
}

/**
 * The state table's state items (its timeline is timeline.ts's, its cost snapshots snapshots.ts's). A state item
 * carries its own outbox: the next state and the actions it calls for are written in one conditional put, so a
 * crash between deciding and doing leaves work that is redone, not lost.
 */
export class StateStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /**
   * The item's state and outbox; throws `CorruptStateError` when the item is not what Shepherd writes of `kind`
   * (./kinds/), which the caller names, so that a function carries the shapes of the kinds it reads alone.
   */
  async get<S extends Versioned>(key: Key, empty: S, kind: ItemKind): Promise<{ state: S; outbox: OutboxEntry[] }> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }));
    if (!Item) return { state: empty, outbox: [] };
    const problems = kind(key, Item);
    if (problems.length > 0) throw new CorruptStateError(key, Item, problems);
    const { pk: _pk, sk: _sk, outbox, updatedAt: _u, ...state } = Item;
    const entries = Object.values((outbox ?? {}) as Record<string, OutboxEntry>);
    return { state: { ...empty, ...(state as S) }, outbox: entries.sort((a, b) => a.id.localeCompare(b.id)) };
  }

  /** Writes `next` if the item is still at `previous.version`; returns the outbox entries it added. */
  async save<S extends Versioned>(
    key: Key,
    previous: S,
    outbox: OutboxEntry[],
    next: S,
    actions: Action[],
    now: Date,
  ): Promise<OutboxEntry[]> {
    const version = previous.version + 1;
    const added = actions.map((action, i) => ({
      id: outboxId(version, i),
      action,
      createdAt: now.toISOString(),
      leaseUntil: leaseNow() + LEASE_MS,
    }));
    const all = Object.fromEntries([...outbox, ...added].map((entry) => [entry.id, entry]));
    const first = previous.version === 0;
    const written = await writeIf(this.doc, {
      TableName: this.table,
      Item: { ...next, ...key, version, outbox: all, updatedAt: now.toISOString() },
      ConditionExpression: first ? 'attribute_not_exists(pk)' : 'version = :v',
      ...(first ? {} : { ExpressionAttributeValues: { ':v': previous.version } }),
    });
    if (!written) throw new StaleStateError(`${key.pk}/${key.sk}`);
    return added;
  }

  /** Removes a done entry; nothing to do when another worker finished it first. */
  async completeOutboxEntry(key: Key, id: string): Promise<void> {
    await this.updateIf(key, { remove: 'outbox.#id' }, 'attribute_exists(outbox.#id)', {}, { '#id': id });
  }

  /**
   * Takes an entry whose lease ran out (its owner failed or died). Returns the entry as this invocation now holds
   * it; undefined when another invocation was faster.
   */
  async claimOutboxEntry(key: Key, entry: OutboxEntry): Promise<OutboxEntry | undefined> {
    const now = leaseNow();
    // A takeover always sets a later lease end than the one that ran out, so the lease end names its holder.
    const leaseUntil = now + LEASE_MS;
    const condition = 'outbox.#id.leaseUntil < :now';
    const claimed = await this.setLease(key, entry.id, leaseUntil, condition, { ':now': now });
    return claimed ? { ...entry, leaseUntil } : undefined;
  }

  /**
   * Gives entries back at once after a failure, so Lambda's retry or the reconciler need not wait out the lease.
   * Only entries this invocation still holds: one that outlived its lease must not free another's takeover.
   */
  async releaseOutboxEntries(key: Key, entries: OutboxEntry[]): Promise<void> {
    for (const entry of entries) {
      await this.setLease(key, entry.id, 0, 'outbox.#id.leaseUntil = :mine', { ':mine': entry.leaseUntil });
    }
  }

  private setLease(key: Key, id: string, until: number, condition: string, values: Record<string, number>) {
    const set = { set: 'outbox.#id.leaseUntil = :until' };
    return this.updateIf(key, set, condition, { ':until': until, ...values }, { '#id': id });
  }

  /**
   * Changes part of the item if `condition` holds, and bumps its version: a writer holding an older copy of the
   * item (its outbox included) must not put back what this changed. False when the condition did not hold. The one
   * conditional update of a state item, also for the item's own writes outside the store (./training-item.ts).
   */
  updateIf(
    key: Key,
    change: { set?: string; remove?: string },
    condition: string,
    values: Record<string, unknown>,
    names?: Record<string, string>,
  ): Promise<boolean> {
    const set = [change.set, 'version = version + :one'].filter(Boolean).join(', ');
    return writeIf(this.doc, {
      TableName: this.table,
      Key: key,
      UpdateExpression: `${change.remove ? `REMOVE ${change.remove} ` : ''}SET ${set}`,
      ConditionExpression: condition,
      ...(names ? { ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: { ...values, ':one': 1 },
    });
  }
}
