/**
 * Amazon EventBridge event-pattern matching as a pure function, so local runs route
 * events exactly as the deployed rules would.
 *
 * Semantics follow the EventBridge user guide (event patterns, arrays, null values,
 * comparison operators). Where the guide is silent, they follow aws/event-ruler, the
 * open-source engine that implements EventBridge patterns.
 */

export type EventPattern = Record<string, unknown>;

type Leaf = string | number | boolean | null;
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isLeaf = (v: unknown): v is Leaf => v === null || isString(v) || isNumber(v) || typeof v === 'boolean';
const fold = (s: string): string => s.toLowerCase();

// Maps rather than object literals, so inherited names like "constructor" are never operators.
const COMPARE = new Map<string, (a: number, b: number) => boolean>([
  ['=', (a, b) => a === b],
  ['<', (a, b) => a < b],
  ['<=', (a, b) => a <= b],
  ['>', (a, b) => a > b],
  ['>=', (a, b) => a >= b],
]);

const affixProblem = (arg: unknown): string | undefined =>
  isString(arg) || ignoreCaseArg(arg) !== undefined ? undefined : 'must be a string or {"equals-ignore-case": string}';

// Each operator's argument check; the keys double as the list of reserved operator names.
const OPERATORS = new Map<string, (arg: unknown) => string | undefined>(
  Object.entries({
    prefix: affixProblem,
    suffix: affixProblem,
    'equals-ignore-case': (arg) => (isString(arg) ? undefined : 'must be a string'),
    wildcard: (arg) => (isString(arg) ? wildcardProblem(arg) : 'must be a string'),
    exists: (arg) => (typeof arg === 'boolean' ? undefined : 'must be true or false'),
    cidr: (arg) =>
      isString(arg) && parseCidr(arg) ? undefined : 'must be an IPv4 or IPv6 CIDR block such as "10.0.0.0/24"',
    numeric: (arg) => numericProblem(arg),
    'anything-but': (arg) => anythingButProblem(arg),
  }),
);

/** Returns one "path: reason" message per problem; an empty list means the pattern is valid. */
export function validatePattern(pattern: unknown): string[] {
  const errors: string[] = [];
  validateObject(pattern, '$', false, errors);
  return errors;
}

/** Throws on an invalid pattern: a malformed rule silently matching nothing would hide the mistake. */
export function matchesPattern(pattern: EventPattern, event: unknown): boolean {
  const errors = validatePattern(pattern);
  if (errors.length > 0) throw new Error(`Invalid event pattern:\n${errors.join('\n')}`);
  return matchObject(pattern, event);
}

function validateObject(p: unknown, path: string, inOr: boolean, errors: string[]): void {
  if (!isObj(p)) return void errors.push(`${path}: pattern must be a JSON object`);
  if (Object.keys(p).length === 0) errors.push(`${path}: empty objects are not allowed`);
  for (const [key, value] of Object.entries(p)) {
    const at = `${path}.${key}`;
    if (key === '$or') {
      if (!Array.isArray(value) || value.length < 2)
        errors.push(`${at}: must be an array of at least two pattern objects`);
      else value.forEach((branch, i) => validateObject(branch, `${at}[${i}]`, true, errors));
    } else if (inOr && OPERATORS.has(key)) {
      // Inside $or, EventBridge reads these names as misplaced operators rather than field names.
      errors.push(`${at}: "${key}" is an operator name and cannot be used as a field inside $or`);
    } else if (Array.isArray(value)) {
      if (value.length === 0) errors.push(`${at}: empty arrays are not allowed`);
      value.forEach((m, i) => validateMatcher(m, `${at}[${i}]`, errors));
    } else if (isObj(value)) {
      validateObject(value, at, inOr, errors);
    } else {
      errors.push(`${at}: must be an object or an array of match values`);
    }
  }
}

function validateMatcher(m: unknown, path: string, errors: string[]): void {
  if (!isObj(m)) {
    if (!isLeaf(m)) errors.push(`${path}: match value must be a string, number, boolean, null or operator object`);
    return;
  }
  const [name, ...extra] = Object.keys(m);
  if (name === undefined || extra.length > 0)
    return void errors.push(`${path}: an operator object must have exactly one key`);
  const check = OPERATORS.get(name);
  const problem = check ? check(m[name]) : `unrecognized operator "${name}"`;
  if (problem !== undefined) errors.push(`${path}.${name}: ${problem}`);
}

function ignoreCaseArg(arg: unknown): string | undefined {
  if (!isObj(arg) || Object.keys(arg).length !== 1) return undefined;
  const value = arg['equals-ignore-case'];
  return isString(value) ? value : undefined;
}

function numericProblem(arg: unknown): string | undefined {
  if (!Array.isArray(arg) || (arg.length !== 2 && arg.length !== 4))
    return 'must be [operator, number] or [">"|">=", number, "<"|"<=", number]';
  const [lowOp, low, highOp, high] = arg as unknown[];
  for (const [op, n] of [
    [lowOp, low],
    [highOp, high],
  ].slice(0, arg.length / 2)) {
    if (!isString(op) || !COMPARE.has(op)) return `unknown numeric operator ${JSON.stringify(op)}`;
    if (!isNumber(n)) return `the value after "${op}" must be a number`;
  }
  if (arg.length === 4 && !(['>', '>='].includes(lowOp as string) && ['<', '<='].includes(highOp as string))) {
    return 'a range must be a lower bound (> or >=) followed by an upper bound (< or <=)';
  }
  return arg.length === 4 && (low as number) >= (high as number)
    ? 'the lower bound must be below the upper bound'
    : undefined;
}

function anythingButProblem(arg: unknown): string | undefined {
  if (isString(arg) || isNumber(arg)) return undefined;
  if (Array.isArray(arg)) {
    // event-ruler rejects mixed lists because strings and numbers are compared differently.
    return arg.length > 0 && (arg.every(isString) || arg.every(isNumber))
      ? undefined
      : 'a list must be non-empty and hold only strings or only numbers';
  }
  if (!isObj(arg)) return 'must be a string, a number, a list, or a prefix/suffix/equals-ignore-case/wildcard object';
  const [name, ...extra] = Object.keys(arg);
  const inner = name === undefined ? undefined : arg[name];
  if (name === undefined || extra.length > 0) return 'a nested operator object must have exactly one key';
  if (name === 'prefix' || name === 'suffix')
    return isString(inner) && inner !== '' ? undefined : `${name} must be a non-empty string`;
  if (name !== 'equals-ignore-case' && name !== 'wildcard') return `unsupported operator "${name}" inside anything-but`;
  const list = Array.isArray(inner) ? inner : [inner];
  if (list.length === 0 || !list.every(isString)) return `${name} must be a string or a non-empty list of strings`;
  return name === 'wildcard' ? list.map(wildcardProblem).find((p) => p !== undefined) : undefined;
}

function wildcardProblem(s: string): string | undefined {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') {
      if (s[i + 1] !== '*' && s[i + 1] !== '\\') return 'a backslash may only escape * or \\';
      i++;
    } else if (s[i] === '*' && s[i + 1] === '*') {
      return 'consecutive wildcard characters are not allowed';
    }
  }
  return undefined;
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

// Both families become 16-bit groups (IPv4: 2, IPv6: 8) so one prefix comparison serves both.
function cidrContains(cidr: string, ip: string): boolean {
  const net = parseCidr(cidr);
  const addr = ipGroups(ip);
  if (!net || !addr || addr.length !== net.groups.length) return false;
  for (let i = 0, bits = net.length; bits > 0; i++, bits -= 16) {
    const mask = bits >= 16 ? 0xffff : (0xffff << (16 - bits)) & 0xffff;
    if (((addr[i] ?? 0) & mask) !== ((net.groups[i] ?? 0) & mask)) return false;
  }
  return true;
}

function parseCidr(cidr: string): { groups: number[]; length: number } | undefined {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(cidr);
  const groups = m ? ipGroups(m[1] ?? '') : undefined;
  const length = Number(m?.[2]);
  return groups && length <= groups.length * 16 ? { groups, length } : undefined;
}

function ipGroups(ip: string): number[] | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (v4) {
    const [a = 0, b = 0, c = 0, d = 0] = v4.slice(1).map(Number);
    return [a, b, c, d].every((o) => o <= 255) ? [(a << 8) | b, (c << 8) | d] : undefined;
  }
  const halves = ip.split('::');
  const parts = halves.map((h) => (h === '' ? [] : h.split(':')));
  if (halves.length > 2 || !/^[0-9a-f:.]+$/i.test(ip)) return undefined;
  const groups = parts.map((p) =>
    p.flatMap((g) =>
      g.includes('.') ? (ipGroups(g) ?? [NaN]) : /^[0-9a-f]{1,4}$/i.test(g) ? [parseInt(g, 16)] : [NaN],
    ),
  );
  const [head = [], tail = []] = groups;
  const missing = 8 - head.length - tail.length;
  if ([...head, ...tail].some(Number.isNaN) || (halves.length === 2 ? missing < 1 : missing !== 0)) return undefined;
  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}
