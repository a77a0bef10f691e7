// Checking an EventBridge event pattern before any event meets it: every problem at once, each as "path: reason".
// Semantics and their sources as in ./pattern.
import { parseCidr } from './cidr';
import { COMPARE, ignoreCaseArg, isLeaf, isNumber, isObj, isString } from './pattern-syntax';

const affixProblem = (arg: unknown): string | undefined =>
  isString(arg) || ignoreCaseArg(arg) !== undefined ? undefined : 'must be a string or {"equals-ignore-case": string}';

// Each operator's argument check; the keys double as the list of reserved operator names (a Map, as COMPARE is).
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
