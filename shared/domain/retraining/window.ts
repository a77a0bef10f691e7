import type { DataTrigger, ModelLine } from '../../config/schema';
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

export const findDataTrigger = (line: ModelLine, bucket: string, key: string): DataTrigger | undefined =>
  line.triggers.data.find((t) => t.bucket === bucket && key.startsWith(t.prefix));

/** The same bytes under the same key count once, however often S3 or EventBridge deliver them. */
export const objectFingerprint = (o: ArrivedObject): string =>
  shortHash(`${o.bucket}\n${o.key}\n${o.etag ?? o.sequencer ?? ''}`, 16);

/** Counts an object into the window; `undefined` when it was already counted. */
export function addObject(
  window: DataWindow,
  trigger: DataTrigger,
  o: ArrivedObject,
  now: Date,
): DataWindow | undefined {
  const fp = objectFingerprint(o);
  if (window.seen.includes(fp)) return undefined;
  const key = sourceKey(trigger);
  const at = now.toISOString();
  const prev = window.sources[key];
  return {
    sources: {
      ...window.sources,
      [key]: {
        objects: (prev?.objects ?? 0) + 1,
        bytes: (prev?.bytes ?? 0) + o.size,
        firstAt: prev?.firstAt ?? at,
        lastAt: at,
      },
    },
    seen: [...window.seen, fp],
  };
}

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
