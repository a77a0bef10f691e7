// A state item Shepherd did not write as it is (shared/state/item-check.ts): read, but never decided on or written
// over.
import { fingerprint } from '../domain/fingerprint';
import type { Key } from './keys';

/**
 * Thrown by `StateStore.get` instead of a state: the caller decides nothing. Handlers answer the event as ignored and
 * alert once (shared/runtime/corrupt.ts); a reconciler pass goes on with the other lines. `LinkUses.get` throws it
 * for a link's use too: approvalLink fails that request, as it does for a corrupt deployment item.
 */
export class CorruptStateError extends Error {
  readonly version: unknown;
  readonly fingerprint: string;

  constructor(
    readonly key: Key,
    item: Record<string, unknown>,
    readonly problems: string[],
    /** The model line the item belongs to, where its key does not say (a link's use: the line its link names). */
    readonly line?: string,
  ) {
    super(`state item ${key.pk}/${key.sk} is corrupt: ${problems.join('; ')}`);
    this.name = 'CorruptStateError';
    this.version = item.version;
    // The same corrupt item, met again, is alerted once.
    this.fingerprint = fingerprint(item);
  }
}

export const isCorruptState = (err: unknown): err is CorruptStateError =>
  err instanceof Error && err.name === 'CorruptStateError' && 'fingerprint' in err;
