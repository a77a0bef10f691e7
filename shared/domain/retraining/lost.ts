// What a lost trigger event would have said, read back by the reconciler: a drift alarm's state change
// (DescribeAlarms) and an upload's Object Created (ListObjectsV2). Both go through the same idempotent paths as the
// events: a drift trigger is keyed by the alarm's state-change time, an upload by its fingerprint.
import type { DataTrigger } from '../../config/model-line-schema';
import { nothing } from '../decisions';
import type { TrainingDecision } from './decision';
import type { TrainingState, Trigger } from './state';
import { notData, objectFingerprint, type ArrivedObject } from './window';

const MINUTE = 60_000;
/** A state change younger than this is left to its own event, which is on its way. */
export const DRIFT_GRACE_MS = 2 * MINUTE;
/**
 * An alarm in ALARM for longer was acted on long ago, or before Shepherd ran the line: the ids a line remembers
 * (shared/domain/recent.ts) would no longer say which.
 */
export const DRIFT_LOOKBACK_MS = 24 * 60 * MINUTE;
/**
 * The event and DescribeAlarms each tell the time of one state change; an event without it is keyed by its own time,
 * seconds later. Two real changes of one alarm into ALARM are an evaluation period apart at least (≥ 1 minute for
 * the drift alarms Shepherd keeps), with a change out of ALARM between them.
 */
export const SAME_CHANGE_MS = MINUTE;
/** An upload younger than this is left to its own event. */
export const UPLOAD_GRACE_MS = MINUTE;

/** An ISO time, or undefined for text that is not one (CloudWatch writes `2026-11-27T06:05:40.118+0000`). */
export const isoTime = (text: string | undefined): string | undefined => {
  const ms = text === undefined ? Number.NaN : Date.parse(text);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
};

/** The drift trigger of one change of `alarm` into ALARM, whoever saw it: its event or the reconciler. */
export const driftTrigger = (alarm: string, changedAt: string, at: string, detail: string): Trigger => ({
  reason: 'drift',
  id: `drift:${alarm}@${changedAt}`,
  at,
  detail,
});

const driftChange = (id: string): { alarm: string; at: number } | undefined => {
  if (!id.startsWith('drift:')) return undefined;
  const sep = id.lastIndexOf('@');
  const at = Date.parse(id.slice(sep + 1));
  return sep > 0 && Number.isFinite(at) ? { alarm: id.slice('drift:'.length, sep), at } : undefined;
};

/** The same trigger: the same id, or the same alarm's change into ALARM told with times a few seconds apart. */
export function sameTrigger(a: string, b: string): boolean {
  if (a === b) return true;
  const one = driftChange(a);
  const other = driftChange(b);
  return !!one && !!other && one.alarm === other.alarm && Math.abs(one.at - other.at) < SAME_CHANGE_MS;
}

/**
 * A later change of the same alarm into ALARM that `seen` holds: `id`'s change is then over (the alarm left ALARM in
 * between), and what the later one was decided stands for both.
 */
export function laterChange(id: string, seen: (string | undefined)[]): string | undefined {
  const change = driftChange(id);
  if (!change) return undefined;
  return seen.find((other) => {
    const later = other ? driftChange(other) : undefined;
    return later?.alarm === change.alarm && later.at - change.at >= SAME_CHANGE_MS;
  });
}

export interface AlarmSeen {
  name: string;
  state: string;
  /** When its state value last changed (DescribeAlarms' StateTransitionedTimestamp). */
  changedAt?: string;
}

export interface LostDriftChange {
  alarm: string;
  changedAt: string;
  trigger: Trigger;
}

/**
 * The drift alarm changes a tick owes a line: each of its drift alarms in ALARM whose change is old enough for its
 * event to have come and young enough to be remembered. Whether it was acted on is the trigger's own duplicate check.
 */
export function lostDriftChanges(alarms: AlarmSeen[], driftAlarms: string[], now: Date): LostDriftChange[] {
  return alarms.flatMap((alarm) => {
    const changedAt = isoTime(alarm.changedAt);
    if (!driftAlarms.includes(alarm.name) || alarm.state !== 'ALARM' || !changedAt) return [];
    const age = now.getTime() - Date.parse(changedAt);
    if (age < DRIFT_GRACE_MS || age > DRIFT_LOOKBACK_MS) return [];
    const detail = `alarm ${alarm.name}, in ALARM since ${changedAt}: its event was missed`;
    return [{ alarm: alarm.name, changedAt, trigger: driftTrigger(alarm.name, changedAt, now.toISOString(), detail) }];
  });
}

/** What a drift alarm's change is claimed under once described (Drift Detected), by its event or the reconciler. */
export const driftChangeKey = (alarm: string, changedAt: string): string => `${alarm}@${changedAt}`;

export interface ListedObject {
  key: string;
  size: number;
  /** Without the quotes ListObjectsV2 puts around it, as the event spells it. */
  etag?: string;
  lastModified: string;
}

/**
 * The open window's listing starts where the window opened. A line that never started a run has no such time: the
 * reconciler's first tick sets it (onTick), so that data from before Shepherd watched the line is not counted as new.
 */
export function windowOpened(state: TrainingState, now: Date): TrainingDecision {
  if (state.window.openedAt) return nothing('data window has its opening time');
  return {
    state: { ...state, window: { ...state.window, openedAt: now.toISOString() } },
    actions: [],
    metrics: [],
    log: { message: 'data window listed from now on', data: { gen: state.window.gen } },
  };
}

/**
 * The listed objects a lost event may have left out of the open window: counted under this trigger (`belongs`: the
 * trigger an event of the key would count under is this one) and data as an event's would be (`notData`), modified
 * since the window opened and long enough ago for their own event to have come, and not among the fingerprints the
 * window counted.
 */
export function uncountedObjects(
  listed: ListedObject[],
  trigger: Pick<DataTrigger, 'bucket' | 'prefix'>,
  belongs: (key: string) => boolean,
  openedAt: string,
  seen: ReadonlySet<string>,
  now: Date,
): ArrivedObject[] {
  const from = Date.parse(openedAt);
  const until = now.getTime() - UPLOAD_GRACE_MS;
  return listed.flatMap((o) => {
    const modified = Date.parse(o.lastModified);
    if (!(modified >= from && modified <= until)) return [];
    if (!belongs(o.key) || notData(o.key, o.size, trigger.prefix)) return [];
    const object: ArrivedObject = {
      bucket: trigger.bucket,
      key: o.key,
      size: o.size,
      ...(o.etag ? { etag: o.etag } : {}),
    };
    return seen.has(objectFingerprint(object)) ? [] : [object];
  });
}
