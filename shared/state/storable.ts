// Numbers in the form the state table accepts and gives back as they went in; the limits and the sources are in
// docs/dynamodb-numbers.md. A number out of range makes DynamoDB (or the SDK before it) refuse the whole item,
// so one odd p-value would stop every later write of that item.

/**
 * The largest magnitude kept. DynamoDB itself goes to ~1e126, but the document client refuses to write a number
 * beyond Number.MAX_SAFE_INTEGER and reads one back as a BigInt, which state code cannot do arithmetic with.
 */
export const MAX_STORABLE = Number.MAX_SAFE_INTEGER;
/** DynamoDB's smallest non-zero magnitude: below it, "Number underflow". */
export const MIN_STORABLE = 1e-130;

/**
 * One number as it is stored; undefined for NaN, which is no value at all (as an absent optional field is).
 * Tiny magnitudes become 0, not ±1e-130: a p-value under 1e-130 is certainty in practice, 0 is where floating-point
 * arithmetic itself ends up a little further down (fisherGreater already returns it), and it compares with any
 * threshold as the true value does. -0 also becomes 0: DynamoDB has no negative zero.
 */
export function storableNumber(x: number): number | undefined {
  if (Number.isNaN(x)) return undefined;
  const magnitude = Math.abs(x);
  if (magnitude < MIN_STORABLE) return 0;
  if (magnitude > MAX_STORABLE) return x > 0 ? MAX_STORABLE : -MAX_STORABLE;
  return x;
}

/**
 * `value` with every number storable: out-of-range magnitudes clamped (±Infinity to ±MAX_STORABLE), NaN dropped
 * from objects and null in arrays (so the other elements keep their positions). Arrays and plain objects are
 * walked; anything else is left as it is. Copy-on-write: what needs no change is returned as the same object,
 * so the usual item, all in range, costs one walk and no allocation.
 */
export function storable<T>(value: T): T {
  return fix(value) as T;
}

function fix(value: unknown): unknown {
  if (typeof value === 'number') return storableNumber(value);
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return fixList(value);
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null ? fixMap(value as Record<string, unknown>) : value;
}

function fixList(list: unknown[]): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const before = list[i];
    const after = fix(before) ?? (before === undefined ? undefined : null);
    if (!Object.is(after, before)) (out ??= list.slice())[i] = after;
  }
  return out ?? list;
}

function fixMap(map: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(map)) {
    const before = map[key];
    const after = fix(before);
    if (Object.is(after, before)) continue;
    out ??= { ...map };
    if (after === undefined) delete out[key];
    else out[key] = after;
  }
  return out ?? map;
}
