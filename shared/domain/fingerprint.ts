// A short hash of a value's content, the same whatever order its objects' keys come in: a value read back from
// DynamoDB or parsed from an event has its keys in an order of its own.
import { createHash } from 'node:crypto';

const isPlain = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const sortedKeys = (value: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));

/** 16 hex digits of the SHA-256 of `value` as JSON, its objects' keys sorted. */
export const fingerprint = (value: unknown): string =>
  createHash('sha256')
    .update(JSON.stringify(value, (_k, v: unknown) => (isPlain(v) ? sortedKeys(v) : v)))
    .digest('hex')
    .slice(0, 16);
