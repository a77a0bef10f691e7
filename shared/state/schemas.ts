// What a state item must look like to be decided on. Shepherd is the only writer of these items, so an item that
// breaks its shape was written by someone else (a hand edit, a restore from an older copy): it is not acted on
// (shared/state/corrupt.ts). Loose objects: fields Shepherd does not read yet are no harm. `window` is checked only
// as an object, as its shape belongs to the data window (shared/domain/retraining/window.ts).
import * as v from 'valibot';
import { anyObject, check, count, looseObject, mapOf, schema, text } from '../validation';

const texts = () => v.array(v.string());

const outboxEntry = () =>
  looseObject({
    id: v.pipe(v.string(), v.regex(/^\d{10}-\d{3}$/)),
    action: looseObject({ type: text() }),
    createdAt: text(),
    leaseUntil: v.number(),
  });

const common = () => ({
  version: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  outbox: v.optional(mapOf(outboxEntry())),
});

const trigger = () =>
  looseObject({
    reason: v.picklist(['data', 'drift', 'schedule', 'coalesced', 'manual']),
    id: text(),
    at: text(),
  });

const training = () =>
  looseObject({
    ...common(),
    model: text(),
    window: v.optional(anyObject()),
    inFlight: v.optional(
      looseObject({
        kind: v.picklist(['job', 'tuning', 'pipeline']),
        runName: text(),
        attempt: count(),
        jobName: text(),
        trigger: trigger(),
        window: looseObject({ objects: count(), bytes: count() }),
        startedAt: text(),
        lastHeardAt: text(),
        phase: v.optional(v.literal('registering')),
      }),
    ),
    pending: v.optional(trigger()),
    starts: v.optional(texts()),
    recent: v.optional(texts()),
  });

const approvedPackage = () =>
  looseObject({
    arn: text(),
    group: text(),
    version: count(),
    containers: v.array(looseObject({ Image: text() })),
    at: text(),
  });

const variant = () => looseObject({ variant: text(), model: text(), instanceCount: count() });

const deployment = () =>
  looseObject({
    ...common(),
    endpoint: text(),
    active: v.optional(
      looseObject({
        id: text(),
        model: text(),
        package: approvedPackage(),
        kind: v.picklist(['create', 'canary', 'replace']),
        status: v.picklist([
          'creating',
          'starting',
          'replacing',
          'baking',
          'shifting',
          'promoting',
          'draining',
          'rolling_back',
          'held',
        ]),
        baseline: v.optional(looseObject({ ...variant().entries, config: text() })),
        candidate: variant(),
        step: count(),
        weight: v.pipe(v.number(), v.minValue(0)),
        expectConfig: v.string(),
        config: v.string(),
        bakeExtensions: count(),
        lastHeardAt: text(),
        startedAt: text(),
        judgements: v.array(anyObject()),
      }),
    ),
    queued: v.optional(approvedPackage()),
    history: v.optional(
      v.array(
        looseObject({
          id: text(),
          modelPackageArn: text(),
          outcome: v.picklist(['promoted', 'rolled_back', 'failed']),
          at: text(),
        }),
      ),
    ),
    recent: v.optional(texts()),
    created: v.optional(looseObject({ models: texts(), configs: texts() })),
  });

const edge = () =>
  looseObject({
    ...common(),
    model: text(),
    builds: v.optional(
      v.array(
        looseObject({
          name: text(),
          target: text(),
          modelPackageArn: text(),
          status: v.picklist(['INPROGRESS', 'COMPLETED', 'FAILED']),
          startedAt: text(),
        }),
      ),
    ),
    recent: v.optional(texts()),
  });

const monitoring = () =>
  looseObject({
    ...common(),
    endpoint: text(),
    ensuredFor: v.optional(v.string()),
    jobDefinition: v.optional(v.string()),
    scheduleSeen: v.optional(v.boolean()),
    recreating: v.optional(v.boolean()),
    alerted: v.optional(v.string()),
    metrics: v.optional(anyObject()),
    alarm: v.optional(v.string()),
    baselineAlerted: v.optional(v.string()),
    refused: v.optional(texts()),
  });

/** Each decided item kind by its sort key, and the field that must name what its partition key names. */
const KINDS: Record<string, { schema: v.GenericSchema; prefix: string; names: string }> = /* @__PURE__ */ schema(
  () => ({
    TRAINING: { schema: training(), prefix: 'MODEL#', names: 'model' },
    EDGE: { schema: edge(), prefix: 'MODEL#', names: 'model' },
    DEPLOYMENT: { schema: deployment(), prefix: 'ENDPOINT#', names: 'endpoint' },
    MONITORING: { schema: monitoring(), prefix: 'ENDPOINT#', names: 'endpoint' },
  }),
);

/**
 * A version set back. Each outbox entry's id starts with the version of the write that added it, and every later
 * write of the item only raises the version: an item below its newest entry's version was put back by hand (or
 * restored from an older copy with a newer outbox). Deciding on it would reuse that version's entry ids and
 * overwrite work still waiting to be done.
 */
function versionSetBack(item: Record<string, unknown>): string[] {
  const version = item.version as number;
  const ids = Object.keys((item.outbox ?? {}) as Record<string, unknown>).sort();
  const newest = ids.at(-1);
  if (!newest) return [];
  const wrote = Number(newest.split('-')[0]);
  return version < wrote
    ? [`version: ${version} is below ${wrote}, the version that wrote outbox entry ${newest}: it went backwards`]
    : [];
}

/** Every problem of a state item as `field: what is wrong`; none for a sound item or a kind not checked here. */
export function stateProblems(key: { pk: string; sk: string }, item: Record<string, unknown>): string[] {
  const kind = KINDS[key.sk];
  if (!kind) return [];
  const checked = check(kind.schema, item);
  if (!checked.success) return checked.problems;
  const named = key.pk.slice(kind.prefix.length);
  const says = String(item[kind.names]).slice(0, 100);
  if (item[kind.names] !== named) return [`${kind.names}: "${says}" is not "${named}" of its key`];
  return versionSetBack(item);
}
