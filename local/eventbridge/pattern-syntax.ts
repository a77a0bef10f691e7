// The pieces of EventBridge pattern syntax that checking a pattern (./pattern-validation) and matching an event
// against it (./pattern) both read: JSON value kinds, the numeric comparisons, and equals-ignore-case nested in
// prefix or suffix.

export type Leaf = string | number | boolean | null;
export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isString = (v: unknown): v is string => typeof v === 'string';
export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isLeaf = (v: unknown): v is Leaf => v === null || isString(v) || isNumber(v) || typeof v === 'boolean';

// Maps rather than object literals, so inherited names like "constructor" are never operators.
export const COMPARE = new Map<string, (a: number, b: number) => boolean>([
  ['=', (a, b) => a === b],
  ['<', (a, b) => a < b],
  ['<=', (a, b) => a <= b],
  ['>', (a, b) => a > b],
  ['>=', (a, b) => a >= b],
]);

/** The string of a `{"equals-ignore-case": string}` argument, or undefined when `arg` is not one. */
export function ignoreCaseArg(arg: unknown): string | undefined {
  if (!isObj(arg) || Object.keys(arg).length !== 1) return undefined;
  const value = arg['equals-ignore-case'];
  return isString(value) ? value : undefined;
}
