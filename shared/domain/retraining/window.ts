import type { DataTrigger } from '../../config/model-line-schema';
import type { ModelLine } from '../../config/schema';
import { ignored, type Decision } from '../decisions';
import { shortHash } from '../names';
import type { DataWindow, TrainingState } from './state';

export interface ArrivedObject {
  bucket: string;
  key: string;
  size: number;
  etag?: string;
  sequencer?: string;
}

export const sourceKey = (t: Pick<DataTrigger, 'bucket' | 'prefix'>): string => `${t.bucket}/${t.prefix}`;

/** The S3 console makes a folder as an empty object whose key ends in a slash: no data, so never counted. */
export const isFolderMarker = (key: string): boolean => key.endsWith('/');

/**
 * Why an object under a data trigger's prefix is not data, or undefined when it is. Spark and Hadoop write markers and
 * metadata beside their output: `_SUCCESS` (empty), `_metadata`, `.part-00000.crc`, `_temporary/` while a job runs.
 * Like Hadoop's input formats, which skip every file or folder whose name starts with `_` or `.`, Shepherd counts
 * neither them nor any empty object: a retraining is started by data, not by a job saying it finished. The events and
 * the listing of lost uploads both ask this, so the two count the same objects.
 */
export function notData(key: string, size: number, prefix: string): string | undefined {
  if (isFolderMarker(key)) return 'a folder marker, not data';
  if (size === 0) return 'an empty object (a marker such as _SUCCESS), not data';
  // Names below the prefix; a prefix that ends inside a name chose that name itself.
  const below = key.slice(prefix.length).split('/');
  const names = prefix === '' || prefix.endsWith('/') ? below : below.slice(1);
  if (names.some((name) => name.startsWith('_') || name.startsWith('.')))
    return 'a hidden file or folder (its name starts with _ or .), not data';
  return undefined;
}

/**
 * The most specific of the line's triggers whose bucket and prefix hold the key: with nested prefixes (`data/` and
 * `data/images/`) the first listed would otherwise take every object, and a narrower one would never count any.
 */
export const findDataTrigger = (line: ModelLine, bucket: string, key: string): DataTrigger | undefined =>
  isFolderMarker(key)
    ? undefined
    : line.triggers.data
        .filter((t) => t.bucket === bucket && key.startsWith(t.prefix))
        .reduce<DataTrigger | undefined>(
          (best, t) => (best && best.prefix.length >= t.prefix.length ? best : t),
          undefined,
        );

/** The same bytes under the same key count once, however often S3 or EventBridge deliver them. */
export const objectFingerprint = (o: ArrivedObject): string =>
  shortHash(`${o.bucket}\n${o.key}\n${o.etag ?? o.sequencer ?? ''}`, 16);

/**
 * A window's counters are split over this many items, chosen by the object's fingerprint: each holds the
 * fingerprints it counted (a DynamoDB item holds at most 400 KB, about 23,000 of them), so one window counts about
 * 700,000 objects, and a burst of uploads spreads its writes over as many items.
 */
export const WINDOW_SHARDS = 32;

export const windowShard = (fingerprint: string): number =>
  Number.parseInt(fingerprint.slice(0, 4), 16) % WINDOW_SHARDS;

/**
 * Whether an object S3 created at `createdAt` was there when the run that opened the open window started: a training
 * reads its data prefix when it starts, so the object is in that run's data, not new data for the next run. S3's
 * clock against Lambda's: an object within their skew of the start may be taken for the other side of it.
 */
export const takenByRun = (window: DataWindow, createdAt: string): boolean =>
  window.gen > 0 && window.openedAt !== undefined && Date.parse(createdAt) < Date.parse(window.openedAt);

export const objectCounted = (object: ArrivedObject, gen: number): Decision<never> => ({
  actions: [],
  metrics: ['DataObjectsCounted'],
  log: { message: 'data object counted', data: { key: object.key, size: object.size, window: gen } },
});

export const objectRepeated = (object: ArrivedObject): Decision<never> =>
  ignored('DuplicatesIgnored', 'object already counted', { key: object.key });

/** An object that was there when the run that took window `taken` started: in that run's data, never counted on. */
export const objectLeftToRun = (object: ArrivedObject, taken: number): Decision<never> =>
  ignored('LateObjectsIgnored', 'object created before the run that took its window started: in that run’s data', {
    key: object.key,
    size: object.size,
    window: taken,
  });

/** `closed`: a run took the window; the object was there when it started (countedAs). */
export type CountOutcome = 'counted' | 'duplicate' | 'closed';

/**
 * What counting into window `gen` came to. Closed: a run took the window after this event read it, so after S3
 * created the object; whatever the clocks say, that run read it.
 */
export const countedAs = (outcome: CountOutcome, object: ArrivedObject, gen: number): Decision<never> =>
  outcome === 'counted'
    ? objectCounted(object, gen)
    : outcome === 'closed'
      ? objectLeftToRun(object, gen)
      : objectRepeated(object);

/** What the counters of the state's open window say, when that window is still open; else the state as it is. */
export const withCounted = (state: TrainingState, counted: DataWindow): TrainingState =>
  state.window.gen === counted.gen ? { ...state, window: { ...state.window, sources: counted.sources } } : state;

export interface WindowRelease {
  source: string;
  id: string;
  objects: number;
  bytes: number;
  why: string;
}

/**
 * A source is due when its threshold is reached and it has been quiet for the quiet period, or when its
 * oldest object has waited `maxWaitSeconds` (a stream that never settles must still train).
 */
export function dueWindow(state: TrainingState, line: ModelLine, now: Date): WindowRelease | undefined {
  for (const trigger of line.triggers.data) {
    const key = sourceKey(trigger);
    const s = state.window.sources[key];
    if (!s) continue;
    const reached =
      (trigger.minObjects !== undefined && s.objects >= trigger.minObjects) ||
      (trigger.minBytes !== undefined && s.bytes >= trigger.minBytes);
    if (!reached) continue;
    const quietFor = (now.getTime() - Date.parse(s.lastAt)) / 1000;
    const waited = (now.getTime() - Date.parse(s.firstAt)) / 1000;
    const why =
      quietFor >= trigger.quietPeriodSeconds
        ? `quiet for ${Math.floor(quietFor)} s`
        : waited >= trigger.maxWaitSeconds
          ? `waited ${Math.floor(waited)} s`
          : undefined;
    if (why) return { source: key, id: `data:${key}:${s.firstAt}`, objects: s.objects, bytes: s.bytes, why };
  }
  return undefined;
}
