// Uploads whose Object Created never arrived (EventBridge lost it, or Shepherd was down past its retries): every
// minute countLostUploads lists each data prefix from where it left off and counts what the open window never
// counted, by the same fingerprints as the events, so an object counted twice is a refused write. Counting needs the
// table alone: the reconciler releases a window that is due, as it does for the events' counts.
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { ListingAdapter } from '../aws/s3-listing';
import type { DataTrigger } from '../config/model-line-schema';
import type { ModelLine } from '../config/schema';
import { uncountedObjects } from '../domain/retraining/lost';
import { objectFingerprint, sourceKey, type ArrivedObject } from '../domain/retraining/window';
import type { DataWindows } from '../state/data-windows';
import type { ListingCursors } from '../state/listing-cursors';
import type { StateStore } from '../state/store';
import { getTraining } from '../state/training-item';

/** Pages of 1,000 keys one tick lists per data source at most; a longer prefix is listed over several ticks. */
export const MAX_PAGES_PER_TICK = 5;

export interface LostUploadDeps {
  listing: Pick<ListingAdapter, 'pages'>;
  windows: Pick<DataWindows, 'seen' | 'count'>;
  cursors: Pick<ListingCursors, 'get' | 'move'>;
  store: Pick<StateStore, 'get'>;
  /** The trigger an Object Created event of this object counts under, as dataArrived finds it. */
  triggerOf: (bucket: string, key: string) => DataTrigger | undefined;
  logger: Logger;
  metrics: Metrics;
  clock: () => Date;
}

export class LostUploads {
  /**
   * Each source's cursor as this container last read or moved it: only this function moves cursors, so a warm
   * container need not read the item every tick. A move refused (another invocation moved it) forgets it.
   */
  private readonly cursorsKnown = new Map<string, string | undefined>();

  constructor(private readonly deps: LostUploadDeps) {}

  /** Objects under a line's data prefixes that its open window never counted: counted now, once each. */
  async count(line: ModelLine): Promise<void> {
    for (const trigger of line.triggers.data) await this.listSource(line, trigger);
  }

  private async listSource(line: ModelLine, trigger: DataTrigger): Promise<void> {
    const { store, listing, windows, cursors, logger, metrics } = this.deps;
    const { state } = await getTraining(store, line.name);
    const { gen, openedAt } = state.window;
    // Opened by the reconciler's first tick of the line: until then nothing is new.
    if (!openedAt) return;
    const source = sourceKey(trigger);
    const known = `${line.name}\n${source}`;
    const from = this.cursorsKnown.has(known) ? this.cursorsKnown.get(known) : await cursors.get(line.name, source);
    const { objects, startAfter } = await listing.pages(trigger.bucket, trigger.prefix, MAX_PAGES_PER_TICK, from);
    const belongs = (key: string) => this.deps.triggerOf(trigger.bucket, key) === trigger;
    const now = this.deps.clock();
    const recent = uncountedObjects(objects, trigger, belongs, openedAt, new Set(), now);
    let missing = recent.length ? await this.notCountedIn(line.name, gen, recent) : [];
    // The window a run took may have counted some, whatever their LastModified says: an event that read it before
    // the run started counted there an object S3's clock times after the start. Asked only of what is still missing.
    if (missing.length && gen > 0) missing = await this.notCountedIn(line.name, gen - 1, missing);
    for (const object of missing) {
      const counter = { fingerprint: objectFingerprint(object), size: object.size };
      const outcome = await windows.count(line.name, gen, source, counter, now);
      // Closed: a run took the window since it was read. The object came before that run, so it belonged to the
      // window the run took, not to the next one: it is not carried over.
      if (outcome === 'closed') break;
      if (outcome !== 'counted') continue;
      logger.warn('upload counted by the listing: its event never arrived', {
        model: line.name,
        key: object.key,
        size: object.size,
        window: gen,
      });
      metrics.addMetric('DataObjectsCounted', MetricUnit.Count, 1);
      metrics.addMetric('LostEventsRecovered', MetricUnit.Count, 1);
    }
    if (await cursors.move(line.name, source, from, startAfter)) this.cursorsKnown.set(known, startAfter);
    else this.cursorsKnown.delete(known);
  }

  /** The objects among `objects` that window `gen` of the line did not count (one query of its counters). */
  private async notCountedIn(model: string, gen: number, objects: ArrivedObject[]): Promise<ArrivedObject[]> {
    const seen = await this.deps.windows.seen(model, gen);
    return objects.filter((object) => !seen.has(objectFingerprint(object)));
  }
}
