// An object arriving under a data trigger's prefix, counted into its line's open data window: apart from the run
// decisions (./retraining.ts), as a count writes the window's counters (shared/state/data-windows.ts), never the
// line's state item, so a burst of uploads does not contend for that one item.
import type { DataTrigger } from '../config/model-line-schema';
import type { ModelLine } from '../config/schema';
import type { TrainingDecision } from '../domain/retraining/decision';
import {
  objectCounted,
  objectFingerprint,
  objectRepeated,
  sourceKey,
  type ArrivedObject,
} from '../domain/retraining/window';
import type { DataWindows } from '../state/data-windows';
import { report, type DeciderDeps } from './decider';

// Each move is a run started between reading the state and counting: more than a few in a row is no race.
const MAX_WINDOW_MOVES = 5;

export type ArrivalDeps = Pick<DeciderDeps, 'store' | 'logger' | 'metrics' | 'clock'> & { windows: DataWindows };

/**
 * One object arrived (S3 created it at `createdAt`): counted once into the line's open window, in one conditional
 * write. An object that found the window closed (a run took it meanwhile) counts into the next one; one that the
 * window before the open one counted already is a late duplicate, whatever the clocks say (one read of that window).
 */
export async function countArrivedObject(
  deps: ArrivalDeps,
  line: ModelLine,
  trigger: DataTrigger,
  object: ArrivedObject,
  createdAt: string,
): Promise<TrainingDecision> {
  const { windows } = deps;
  const counter = { fingerprint: objectFingerprint(object), size: object.size };
  const source = sourceKey(trigger);
  for (let attempt = 1; attempt <= MAX_WINDOW_MOVES; attempt++) {
    const { state } = await deps.store.getTraining(line.name);
    const { gen } = state.window;
    // Asked of the window before, whatever the event's time says: an event that read that window before a run took
    // it may have counted there an object S3's clock times after the run's start.
    const earlier = gen > 0 && (await windows.counted(line.name, gen - 1, source, counter.fingerprint));
    const outcome = earlier ? 'duplicate' : await windows.count(line.name, gen, source, counter, deps.clock());
    if (outcome === 'closed') continue;
    const decision = outcome === 'counted' ? objectCounted(object, gen) : objectRepeated(object);
    report(deps, decision, { model: line.name });
    return decision;
  }
  throw new Error(`${line.name}: data window closed ${MAX_WINDOW_MOVES} times while counting ${object.key}`);
}
