// What a function receives is checked with valibot: its events, its environment and its state items. Each check
// is a function of its own, so a bundle carries only the checks it uses (6 to 10 KB, where zod/mini took 35 KB and
// building its schemas cost every cold start more: docs/toolchain.md). The config schema, which only
// `serverless package`, the CLI and the local cloud run, is written with zod.
import * as v from 'valibot';
import type { BaseIssue, GenericSchema, InferIssue, InferOutput, ObjectEntries, OutputDataset } from 'valibot';
import { formatPath } from './config/problems';

/** A value that passed its schema, or every problem that kept it from passing, each as `path: reason`. */
export type Checked<S extends GenericSchema> =
  | { success: true; output: InferOutput<S> }
  | { success: false; problems: string[] };

const OBJECTS = new Set(['object', 'loose_object', 'strict_object']);

/** Why a value failed; a field left out says so (valibot: `Invalid key: Expected "id" but received undefined`). */
const reason = (issue: BaseIssue<unknown>) =>
  OBJECTS.has(issue.type) && issue.input === undefined && issue.expected?.startsWith('"')
    ? 'required, but missing'
    : issue.message;

/** valibot's issues as `path: reason` lines, read as the config's problems are. */
export const issueLines = (issues: readonly BaseIssue<unknown>[]): string[] =>
  issues.map((issue) => `${formatPath((issue.path ?? []).map((item) => item.key as PropertyKey))}: ${reason(issue)}`);

/** Checks `value` against `schema`, with all of its problems at once. */
export function check<S extends GenericSchema>(schema: S, value: unknown): Checked<S> {
  const result = v.safeParse(schema, value);
  return result.success
    ? { success: true, output: result.output }
    : { success: false, problems: issueLines(result.issues) };
}

/**
 * A schema built at load. Marked pure where it is called (`/* @__PURE__ *\/ schema(() => …)`), as a schema's
 * builders are calls esbuild cannot prove harmless: a bundle that never checks it drops it, and the parts of
 * valibot only it uses.
 */
export const schema = <T>(build: () => T): T => build();

/**
 * valibot's objects take an array (`typeof [] === 'object'`), where a Shepherd event or item never has one. The same
 * schema, refusing an array where it stands: `detail: Invalid type: Expected Object but received Array`, not a
 * missing field for each of the object's own.
 */
function refusingArrays<S extends GenericSchema & { readonly expects: string }>(base: S): S {
  const run = base['~run'].bind(base);
  return {
    ...base,
    '~run'(dataset, config) {
      if (!Array.isArray(dataset.value)) return run(dataset, config);
      v._addIssue(base, 'type', dataset, config);
      // As valibot's own schemas answer a failed dataset: untyped, its issues added.
      return dataset as unknown as OutputDataset<InferOutput<S>, InferIssue<S>>;
    },
  };
}

/** An object that strips the fields it does not name. */
export const object = <E extends ObjectEntries>(entries: E) => refusingArrays(v.object(entries));

/** An object that keeps the fields it does not name. */
export const looseObject = <E extends ObjectEntries>(entries: E) => refusingArrays(v.looseObject(entries));

/** An object that refuses any field it does not name. */
export const strictObject = <E extends ObjectEntries>(entries: E) => refusingArrays(v.strictObject(entries));

/** A map of string keys to `values`. */
export const mapOf = <V extends GenericSchema>(values: V) => refusingArrays(v.record(v.string(), values));

/** An object, whatever its fields. */
export const anyObject = () => looseObject({});

/** A string with something in it. */
export const text = () => v.pipe(v.string(), v.minLength(1));

/** A whole number, zero or more. */
export const count = () => v.pipe(v.number(), v.safeInteger(), v.minValue(0));

const ISO_TIME = /^(\d{4}-\d{2}-\d{2})T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;
const WHOLE_SECOND_UTC = /^(\d{4}-\d{2}-\d{2})T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$/;

/** A day that exists: 2026-02-30 is not one, though Date.parse reads it as 2 March. */
const onTheCalendar = (day: string) => {
  const ms = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(day);
};
const timeLike = (pattern: RegExp, message: string) =>
  v.pipe(
    v.string(),
    v.check((value) => onTheCalendar(pattern.exec(value)?.[1] ?? ''), message),
  );

/** An ISO 8601 time with its offset (`2026-11-27T06:05:40.118Z`, `…+01:00`). */
export const isoTime = () => timeLike(ISO_TIME, 'must be an ISO 8601 time with its offset (2026-11-27T06:05:40Z)');

/**
 * A time as EventBridge writes an envelope's: whole seconds, UTC, `Z`. Shepherd orders approvals by comparing these
 * strings, which holds only in that one format (`…:54.5Z` sorts before `…:54Z`), so any other is refused.
 */
export const wholeSecondTime = () =>
  timeLike(WHOLE_SECOND_UTC, 'must be a time in whole seconds of UTC, as EventBridge writes it (2026-11-27T06:05:40Z)');
