// Hostile events for the fuzz tests (test/functions/fuzz.test.ts), built with fast-check from a function's schema
// and its fixtures in events/: what Lambda could be handed by a misrouted rule, a replay, a bug or an attacker.
import fc from 'fast-check';
import * as v from 'valibot';
import { fixture } from './events';
import { eventBridgeTime, hostileText, otherAwsTime, otherType, typeOf } from './fuzz-values';

const fixtures = new Map<string, Json>();
/** A fixture from events/, read once; every use gets its own copy. */
const sample = (name: string): Json => {
  if (!fixtures.has(name)) fixtures.set(name, fixture(name));
  return structuredClone(fixtures.get(name)!);
};

export type Json = Record<string, unknown>;
type Path = string[];

/** What the walk reads of a valibot schema: a pipe carries its first schema's type and entries. */
type SchemaNode = v.GenericSchema & { entries?: Record<string, SchemaNode>; options?: SchemaNode[] };

const OPTIONAL = new Set(['optional', 'exact_optional', 'nullish', 'undefinedable']);
const OBJECTS = new Set(['object', 'loose_object', 'strict_object']);

/** The paths of `value` the schema requires (objects walked; arrays and their items are leaves). */
export function requiredPaths(schema: v.GenericSchema, value: unknown, prefix: Path = []): Path[] {
  const node = schema as SchemaNode;
  // A variant (one function, two events): the paths of the option the value is.
  if (node.type === 'variant' || node.type === 'union') {
    const options = node.options ?? [];
    const option = options.find((o) => v.safeParse(o, value).success) ?? options[0];
    return option ? requiredPaths(option, value, prefix) : [];
  }
  if (!OBJECTS.has(node.type) || typeOf(value) !== 'object') return [];
  return Object.entries(node.entries ?? {}).flatMap(([key, child]) =>
    OPTIONAL.has(child.type) || !(key in (value as Json))
      ? []
      : [[...prefix, key], ...requiredPaths(child, (value as Json)[key], [...prefix, key])],
  );
}

/** A deep copy of `event` with `path` set (as an own property, as JSON.parse makes it) or, for undefined, removed. */
export function withPath(event: Json, path: Path, value: unknown): Json {
  const copy = structuredClone(event);
  let at: Json = copy;
  for (const key of path.slice(0, -1)) {
    if (typeOf(at[key]) !== 'object') Object.defineProperty(at, key, { value: {}, enumerable: true, writable: true });
    at = at[key] as Json;
  }
  const last = path.at(-1)!;
  if (value === undefined) delete at[last];
  else Object.defineProperty(at, last, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

export const valueAt = (event: unknown, path: Path): unknown =>
  path.reduce<unknown>((at, key) => (typeOf(at) === 'object' ? (at as Json)[key] : undefined), event);

/** Fields no schema names, at the top and in the detail: each passes through or is refused, never acted on. */
const extraFields = fc.dictionary(
  fc.oneof(hostileText, fc.constantFrom('__proto__', 'constructor')),
  fc.jsonValue({ maxDepth: 2 }),
  { maxKeys: 3 },
);

export function withExtras(event: Json, extras: Json, detailExtras: Json): Json {
  let out = event;
  for (const [key, value] of Object.entries(extras)) if (!Object.hasOwn(event, key)) out = withPath(out, [key], value);
  if (typeOf(event.detail) === 'object')
    for (const [key, value] of Object.entries(detailExtras))
      if (!Object.hasOwn(event.detail as Json, key)) out = withPath(out, ['detail', key], value);
  return out;
}

/** A malformed event and the path a clear answer must name (undefined: the event is not even an object). */
export interface Malformed {
  event: unknown;
  path?: string;
}

const AWS_SOURCES = ['aws.s3', 'aws.cloudwatch', 'aws.sagemaker', 'aws.events', 'aws.health', 'shepherd', 'aws.s3 '];

/** Malformed versions of the fixtures: missing or mistyped fields, unknown sources, times in other formats. */
export function malformedEvents(schema: v.GenericSchema, fixtures: readonly string[]): fc.Arbitrary<Malformed> {
  const base = fc.constantFrom(...fixtures).map(sample);
  const mutated = base.chain((event) => {
    const paths = requiredPaths(schema, event);
    const show = (path: Path) => path.join('.');
    const options: fc.Arbitrary<Malformed>[] = [
      fc.constantFrom(...paths).map((path) => ({ event: withPath(event, path, undefined), path: show(path) })),
      fc
        .constantFrom(...paths)
        .chain((path) =>
          otherType(valueAt(event, path)).map((other) => ({ event: withPath(event, path, other), path: show(path) })),
        ),
    ];
    if (typeof event.source === 'string')
      options.push(
        fc
          .oneof(fc.constantFrom(...AWS_SOURCES), hostileText)
          .filter((source) => source !== event.source)
          .map((source) => ({ event: withPath(event, ['source'], source), path: 'source' })),
      );
    if (typeof event.time === 'string')
      options.push(otherAwsTime.map((time) => ({ event: withPath(event, ['time'], time), path: 'time' })));
    return fc
      .tuple(fc.oneof(...options), extraFields, extraFields)
      .map(([bad, extras, detailExtras]) => ({ ...bad, event: withExtras(bad.event as Json, extras, detailExtras) }));
  });
  const notAnEvent = fc
    .oneof(
      fc.constant(null),
      fc.constant(undefined),
      hostileText,
      fc.double(),
      fc.array(fc.jsonValue(), { maxLength: 3 }),
    )
    .map((event) => ({ event }));
  return fc.oneof({ weight: 9, arbitrary: mutated }, { weight: 1, arbitrary: notAnEvent });
}

/** A fixture with `path` set to each generated value, any time EventBridge could write, and extra fields. */
export function ignorableEvents(
  schema: v.GenericSchema,
  fixtures: readonly string[],
  path: Path,
  values: fc.Arbitrary<unknown>,
): fc.Arbitrary<Json> {
  // A strict schema refuses unknown fields: they would make the event malformed, not ignorable.
  const strict = schema.type === 'strict_object';
  return fc
    .tuple(fc.constantFrom(...fixtures), values, eventBridgeTime, extraFields, extraFields)
    .map(([name, value, time, extras, detailExtras]) => {
      const event = withPath(sample(name), path, value);
      const timed = 'time' in event ? withPath(event, ['time'], time) : event;
      return strict ? timed : withExtras(timed, extras, detailExtras);
    });
}
