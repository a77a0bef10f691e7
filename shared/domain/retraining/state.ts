import { remember } from '../recent';

export type TriggerReason = 'data' | 'drift' | 'schedule' | 'coalesced' | 'manual';

export interface Trigger {
  reason: TriggerReason;
  /** The id of what caused it (event id, window id); duplicates of one trigger start one training. */
  id: string;
  at: string;
  detail?: string;
}

export interface SourceWindow {
  objects: number;
  bytes: number;
  firstAt: string;
  lastAt: string;
}

/**
 * New data since the last training, per `bucket/prefix` source. Objects are counted in the window's own counter
 * items (shared/state/data-windows.ts), never in this item: a burst of uploads must not contend for one item.
 */
export interface DataWindow {
  /** The open window's generation: a run's start closes it and opens the next. */
  gen: number;
  /** Read from the counters for each decision; what the item holds is only as of its last write. */
  sources: Record<string, SourceWindow>;
  /**
   * When the window opened (the start of the run that took the one before it): the reconciler counts only objects
   * modified since then (./lost.ts). Unset on a line that never started a run until the first listing sets it.
   */
  openedAt?: string;
}

export interface InFlight {
  kind: 'job' | 'tuning' | 'pipeline';
  runName: string;
  attempt: number;
  jobName: string;
  executionArn?: string;
  trigger: Trigger;
  window: { objects: number; bytes: number };
  startedAt: string;
  lastHeardAt: string;
  lastSecondaryStatus?: string;
  /** The `changedAt` of the newest status heard of the job: an event older than it is a late one. */
  lastChangedAt?: number;
  /** Set once the run completed and its model is being registered: the run holds the lock until then. */
  phase?: 'registering';
  /** The status (`<job>/<phase>`) already said to last too long (stuck.ts), so it is said once. */
  stuckSaid?: string;
}

export interface TrainingState {
  model: string;
  /** 0 when the item does not exist yet; every write is conditional on it. */
  version: number;
  window: DataWindow;
  inFlight?: InFlight;
  /** The coalesced "retrain again after this one" flag. */
  pending?: Trigger;
  /** Start times of runs (not retries), for the cooldown and the daily cap. */
  starts: string[];
  /** Recently handled trigger ids and finished job names: late duplicates are recognised after the lock is gone. */
  recent: string[];
}

/** The state once its run is over: the line free for the next run, the run's names remembered as handled. */
export const released = (state: TrainingState, run: InFlight): TrainingState => ({
  ...state,
  inFlight: undefined,
  recent: remember(state.recent, run.jobName, run.runName),
});

export const emptyTrainingState = (model: string): TrainingState => ({
  model,
  version: 0,
  window: { gen: 0, sources: {} },
  starts: [],
  recent: [],
});

export const windowTotals = (window: DataWindow): { objects: number; bytes: number } => {
  const sources = Object.values(window.sources);
  return {
    objects: sources.reduce((sum, source) => sum + source.objects, 0),
    bytes: sources.reduce((sum, source) => sum + source.bytes, 0),
  };
};
