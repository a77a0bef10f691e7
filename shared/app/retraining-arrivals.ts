// An object arriving under a data trigger's prefix, counted into its line's open data window: apart from the run
// decisions (./retraining.ts), as a count writes the window's counters (shared/state/data-windows.ts), never the
// line's state item, so a burst of uploads does not contend for that one item.
import type { DataTrigger } from '../config/model-line-schema';
import type { ModelLine } from '../config/schema';
import type { TrainingDecision } from '../domain/retraining/decision';
import {
  countedAs,
  objectFingerprint,
  objectLeftToRun,
  objectRepeated,
  sourceKey,
  takenByRun,
  type ArrivedObject,
} from '../domain/retraining/window';
import type { DataWindows } from '../state/data-windows';
import { getTraining } from '../state/training-item';
import { report, type DeciderDeps } from './decider';

export type ArrivalDeps = Pick<DeciderDeps, 'store' | 'logger' | 'metrics' | 'clock'> & { windows: DataWindows };

/**
 * One object arrived (S3 created it at `createdAt`): counted once into the line's open window, in one conditional
 * write. One that the window before the open one counted already is a duplicate, whatever the clocks say (one read
 * of that window); one that was there when the run that took a window started is in that run's data, and is not
 * counted towards the next run (README, "An upload made before a run started is that run's").
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
  const { state } = await getTraining(deps.store, line.name);
  const { gen } = state.window;
  // Asked of the window before, whatever the event's time says: an event that read that window before a run took
  // it may have counted there an object S3's clock times after the run's start.
  const decision =
    gen > 0 && (await windows.counted(line.name, gen - 1, source, counter.fingerprint))
      ? objectRepeated(object)
      : takenByRun(state.window, createdAt)
        ? objectLeftToRun(object, gen - 1)
        : countedAs(await windows.count(line.name, gen, source, counter, deps.clock()), object, gen);
  report(deps, decision, { model: line.name });
  return decision;
}
