// What a state item must look like to be decided on. Shepherd is the only writer of these items, so an item that
// breaks its shape was written by someone else (a hand edit, a restore from an older copy): it is not acted on
// (shared/state/corrupt.ts). Each kind's shape is a module of its own (./kinds/), passed by whoever reads that kind,
// so a function carries the shapes of the kinds it reads and no others.
import type * as v from 'valibot';
import { check } from '../validation';
import type { Key } from './keys';

/** Every problem of a state item of one kind as `field: what is wrong`; none for a sound item. */
export type ItemKind = (key: Key, item: Record<string, unknown>) => string[];

/** A kind of decided item: its sort key, its shape, and the field that must name what its partition key names. */
interface KindShape {
  sk: string;
  prefix: string;
  names: string;
  schema: v.GenericSchema;
}

/** A package's first human word (shared/domain/registry/decision.ts): decided on as read, as it always was. */
export const UNCHECKED_ITEM: ItemKind = () => [];

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

/** The check of items of one kind, from its shape. */
export const itemKind =
  (kind: KindShape): ItemKind =>
  (key, item) => {
    // A reader that names the wrong kind is Shepherd's own mistake, not a corrupt item.
    if (key.sk !== kind.sk) throw new Error(`state item ${key.pk}/${key.sk} read as a ${kind.sk} item`);
    const checked = check(kind.schema, item);
    if (!checked.success) return checked.problems;
    const named = key.pk.slice(kind.prefix.length);
    const says = String(item[kind.names]).slice(0, 100);
    if (item[kind.names] !== named) return [`${kind.names}: "${says}" is not "${named}" of its key`];
    return versionSetBack(item);
  };
