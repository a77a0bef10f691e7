// What a state item must look like to be decided on. Shepherd is the only writer of these items, so an item that
// breaks its shape was written by someone else (a hand edit, a restore from an older copy): it is not acted on
// (shared/state/corrupt.ts). Loose objects: fields Shepherd does not read yet are no harm. `window` is checked only
// as an object, as its shape belongs to the data window (shared/domain/retraining/window.ts).
import * as z from 'zod/mini';
import { formatIssues } from '../config/problems';

const text = () => z.string().check(z.minLength(1));
const count = () => z.int().check(z.minimum(0));
const texts = () => z.array(z.string());
const object = () => z.record(z.string(), z.unknown());

const outboxEntry = z.looseObject({
  id: z.string().check(z.regex(/^\d{10}-\d{3}$/)),
  action: z.looseObject({ type: text() }),
  createdAt: text(),
  leaseUntil: z.number(),
});

const common = { version: z.int().check(z.minimum(1)), outbox: z.optional(z.record(z.string(), outboxEntry)) };

const trigger = z.looseObject({
  reason: z.enum(['data', 'drift', 'schedule', 'coalesced', 'manual']),
  id: text(),
  at: text(),
});

const training = z.looseObject({
  ...common,
  model: text(),
  window: z.optional(object()),
  inFlight: z.optional(
    z.looseObject({
      kind: z.enum(['job', 'tuning', 'pipeline']),
      runName: text(),
      attempt: count(),
      jobName: text(),
      trigger,
      window: z.looseObject({ objects: count(), bytes: count() }),
      startedAt: text(),
      lastHeardAt: text(),
      phase: z.optional(z.literal('registering')),
    }),
  ),
  pending: z.optional(trigger),
  starts: z.optional(texts()),
  recent: z.optional(texts()),
});

const approvedPackage = z.looseObject({
  arn: text(),
  group: text(),
  version: count(),
  containers: z.array(z.looseObject({ Image: text() })),
  at: text(),
});

const variant = z.looseObject({ variant: text(), model: text(), instanceCount: count() });

const deployment = z.looseObject({
  ...common,
  endpoint: text(),
  active: z.optional(
    z.looseObject({
      id: text(),
      model: text(),
      package: approvedPackage,
      kind: z.enum(['create', 'canary', 'replace']),
      status: z.enum([
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
      baseline: z.optional(z.looseObject({ ...variant.shape, config: text() })),
      candidate: variant,
      step: count(),
      weight: z.number().check(z.minimum(0)),
      expectConfig: z.string(),
      config: z.string(),
      bakeExtensions: count(),
      lastHeardAt: text(),
      startedAt: text(),
      judgements: z.array(object()),
    }),
  ),
  queued: z.optional(approvedPackage),
  history: z.optional(
    z.array(
      z.looseObject({
        id: text(),
        modelPackageArn: text(),
        outcome: z.enum(['promoted', 'rolled_back', 'failed']),
        at: text(),
      }),
    ),
  ),
  recent: z.optional(texts()),
  created: z.optional(z.looseObject({ models: texts(), configs: texts() })),
});

const edge = z.looseObject({
  ...common,
  model: text(),
  builds: z.optional(
    z.array(
      z.looseObject({
        name: text(),
        target: text(),
        modelPackageArn: text(),
        status: z.enum(['INPROGRESS', 'COMPLETED', 'FAILED']),
        startedAt: text(),
      }),
    ),
  ),
  recent: z.optional(texts()),
});

const monitoring = z.looseObject({
  ...common,
  endpoint: text(),
  ensuredFor: z.optional(z.string()),
  jobDefinition: z.optional(z.string()),
  scheduleSeen: z.optional(z.boolean()),
  recreating: z.optional(z.boolean()),
  alerted: z.optional(z.string()),
  metrics: z.optional(object()),
  alarm: z.optional(z.string()),
  baselineAlerted: z.optional(z.string()),
  refused: z.optional(texts()),
});

/** Each decided item kind by its sort key, and the field that must name what its partition key names. */
const KINDS: Record<string, { schema: z.ZodMiniType; prefix: string; names: string }> = {
  TRAINING: { schema: training, prefix: 'MODEL#', names: 'model' },
  EDGE: { schema: edge, prefix: 'MODEL#', names: 'model' },
  DEPLOYMENT: { schema: deployment, prefix: 'ENDPOINT#', names: 'endpoint' },
  MONITORING: { schema: monitoring, prefix: 'ENDPOINT#', names: 'endpoint' },
};

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
  const parsed = kind.schema.safeParse(item);
  if (!parsed.success) return formatIssues(parsed.error.issues);
  const named = key.pk.slice(kind.prefix.length);
  const says = String(item[kind.names]).slice(0, 100);
  if (item[kind.names] !== named) return [`${kind.names}: "${says}" is not "${named}" of its key`];
  return versionSetBack(item);
}
