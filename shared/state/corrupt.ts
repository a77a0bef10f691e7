// A state item Shepherd did not write as it is (shared/state/schemas.ts): read, but never decided on or written over.
import { createHash } from 'node:crypto';
import type { Key } from './keys';

/** A fingerprint of the item as stored: the same corrupt item, met again, is alerted once. */
const fingerprint = (item: Record<string, unknown>): string =>
  createHash('sha256')
    .update(JSON.stringify(item, (_k, value: unknown) => (isPlain(value) ? sortedKeys(value) : value)))
    .digest('hex')
    .slice(0, 16);

const isPlain = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const sortedKeys = (value: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));

/**
 * Thrown by `StateStore.get` instead of a state: the caller decides nothing. Handlers answer the event as ignored and
 * alert once (shared/runtime/corrupt.ts); a reconciler pass goes on with the other lines.
 */
export class CorruptStateError extends Error {
  readonly version: unknown;
  readonly fingerprint: string;

  constructor(
    readonly key: Key,
    item: Record<string, unknown>,
    readonly problems: string[],
  ) {
    super(`state item ${key.pk}/${key.sk} is corrupt: ${problems.join('; ')}`);
    this.name = 'CorruptStateError';
    this.version = item.version;
    this.fingerprint = fingerprint(item);
  }
}

export const isCorruptState = (err: unknown): err is CorruptStateError =>
  err instanceof Error && err.name === 'CorruptStateError' && 'fingerprint' in err;
