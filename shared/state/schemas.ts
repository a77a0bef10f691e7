// What a state item must look like to be decided on. Shepherd is the only writer of these items, so an item that
// breaks its shape was written by someone else (a hand edit, a restore from an older copy): it is not acted on
// (shared/state/corrupt.ts). Loose objects: fields Shepherd does not read yet are no harm. `window` is checked only
// as an object, as its shape belongs to the data window (shared/domain/retraining/window.ts).
import type * as v from 'valibot';
import { check, schema } from '../validation';
import { deployment, edge, monitoring, training } from './item-shapes';

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
