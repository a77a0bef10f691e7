// Where the data windows' counters live: one item per window generation, source and shard, under the model line's
// key (shared/domain/retraining/window.ts chooses the shard), and the names their attributes are written under.
import { WINDOW_SHARDS } from '../domain/retraining/window';
import type { Key } from './keys';

// Attribute names through placeholders: some (`bytes`, `source`) are DynamoDB reserved words.
export const TOTAL_NAMES = {
  '#source': 'source',
  '#objects': 'objects',
  '#bytes': 'bytes',
  '#firstAt': 'firstAt',
  '#lastAt': 'lastAt',
};
export const COUNTER_NAMES = { ...TOTAL_NAMES, '#seen': 'seen', '#closed': 'closed' };

/** Every counter of window `gen` of a model line, and only those, has a sort key that begins with this. */
export const windowPrefix = (gen: number): string => `WINDOW#${String(gen).padStart(8, '0')}#`;

export const counterKey = (model: string, gen: number, source: string, shard: number): Key => ({
  pk: `MODEL#${model}`,
  sk: `${windowPrefix(gen)}${source}#${shard}`,
});

/** Every counter window `gen` of a model line has or may get: each shard of each source. */
export const counterKeys = (model: string, gen: number, sources: readonly string[]): Key[] =>
  sources.flatMap((source) =>
    Array.from({ length: WINDOW_SHARDS }, (_, shard) => counterKey(model, gen, source, shard)),
  );
