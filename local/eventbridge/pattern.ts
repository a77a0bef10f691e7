/**
 * Amazon EventBridge event-pattern matching as a pure function, so local runs route
 * events exactly as the deployed rules would. Patterns are checked first, by ./pattern-validation.
 *
 * Semantics follow the EventBridge user guide (event patterns, arrays, null values,
 * comparison operators). Where the guide is silent, they follow aws/event-ruler, the
 * open-source engine that implements EventBridge patterns.
 */
import { cidrContains } from './cidr';
import { COMPARE, ignoreCaseArg, isLeaf, isNumber, isObj, isString, type Leaf, type Obj } from './pattern-syntax';
import { validatePattern } from './pattern-validation';

export type EventPattern = Record<string, unknown>;

const fold = (s: string): string => s.toLowerCase();

/** Throws on an invalid pattern: a malformed rule silently matching nothing would hide the mistake. */
export function matchesPattern(pattern: EventPattern, event: unknown): boolean {
  const errors = validatePattern(pattern);
  if (errors.length > 0) throw new Error(`Invalid event pattern:\n${errors.join('\n')}`);
  return matchObject(pattern, event);
}

function matchObject(pattern: Obj, event: unknown): boolean {
  return Object.entries(pattern).every(([key, p]) => {
    if (key === '$or') return (p as Obj[]).some((branch) => matchObject(branch, event));
    const value = isObj(event) && Object.hasOwn(event, key) ? event[key] : undefined;
    return Array.isArray(p) ? matchField(p, value) : matchNested(p as Obj, value);
  });
}

// An event array is "crushed out": the nested pattern must match one element as a whole, so
// fields from different elements never combine (event-ruler's array-consistent matching).
function matchNested(pattern: Obj, value: unknown): boolean {
  return Array.isArray(value) && value.length > 0
    ? value.some((v) => matchNested(pattern, v))
    : matchObject(pattern, value);
}

// Exists only sees leaves: objects and empty arrays count as absent, as the user guide shows
// for {"exists": false} against an object-valued field.
function matchField(matchers: unknown[], value: unknown): boolean {
  const leaves = leafValues(value);
  return matchers.some((m) =>
    isObj(m) && 'exists' in m ? m.exists === leaves.length > 0 : leaves.some((v) => matchLeaf(m, v)),
  );
}

function leafValues(value: unknown): Leaf[] {
  if (Array.isArray(value)) return value.flatMap(leafValues);
  return isLeaf(value) ? [value] : [];
}

// Operators that are not "exists" test one leaf value at a time.
const MATCHERS = new Map<string, (arg: unknown, v: Leaf) => boolean>(
  Object.entries({
    prefix: (arg, v) => isString(v) && affix(arg, v, (a, b) => a.startsWith(b)),
    suffix: (arg, v) => isString(v) && affix(arg, v, (a, b) => a.endsWith(b)),
    'equals-ignore-case': (arg, v) => isString(v) && fold(v) === fold(arg as string),
    wildcard: (arg, v) => isString(v) && wildcardRegExp(arg as string).test(v),
    cidr: (arg, v) => isString(v) && cidrContains(arg as string, v),
    numeric: (arg, v) =>
      isNumber(v) &&
      (arg as unknown[]).every(
        (op, i) => i % 2 === 1 || COMPARE.get(op as string)?.(v, (arg as number[])[i + 1] ?? NaN) === true,
      ),
    'anything-but': (arg, v) => !excludedBy(arg, v),
  }),
);

function matchLeaf(m: unknown, v: Leaf): boolean {
  if (!isObj(m)) return m === v; // JS numbers are already numeric, so 300 matches 300.0
  const [name = '', arg] = Object.entries(m)[0] ?? [];
  return MATCHERS.get(name)?.(arg, v) ?? false;
}

function affix(arg: unknown, s: string, test: (value: string, part: string) => boolean): boolean {
  return isString(arg) ? test(s, arg) : test(fold(s), fold(ignoreCaseArg(arg) ?? ''));
}

// Values of another type are never excluded: anything-but "x" still matches 5 or null.
function excludedBy(arg: unknown, v: Leaf): boolean {
  if (!isObj(arg)) return (Array.isArray(arg) ? arg : [arg]).some((x) => x === v);
  const [name, inner] = Object.entries(arg)[0] ?? [];
  if (!isString(v)) return false;
  const list = (Array.isArray(inner) ? inner : [inner]) as string[];
  if (name === 'prefix') return v.startsWith(inner as string);
  if (name === 'suffix') return v.endsWith(inner as string);
  if (name === 'equals-ignore-case') return list.some((x) => fold(x) === fold(v));
  return list.some((x) => wildcardRegExp(x).test(v));
}

function wildcardRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? '';
    const literal = c === '\\' ? (pattern[++i] ?? '') : c;
    source += c === '*' ? '.*' : literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}
