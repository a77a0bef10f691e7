// Trigger events that never arrived (EventBridge lost them, or Shepherd was down past its retries): on every tick
// the reconciler reads the drift alarms' states and lists the data prefixes, and hands what it finds to the same
// idempotent paths as the events. A drift trigger is keyed by the alarm's state-change time, so its event and the
// reconciler start one training between them; an upload is counted by its fingerprint, so twice is a refused write.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { DriftAlarmAdapter } from '../aws/cloudwatch-drift';
import type { ListingAdapter } from '../aws/s3-listing';
import type { DataTrigger, ModelLine } from '../config/schema';
import { lostDriftChanges, uncountedObjects, windowOpened, type AlarmSeen } from '../domain/retraining/lost';
import type { Trigger } from '../domain/retraining/state';
import { isDuplicateTrigger, onTrigger } from '../domain/retraining/triggers';
import { objectFingerprint, sourceKey } from '../domain/retraining/window';
import type { DataWindows } from '../state/data-windows';
import type { ListingCursors } from '../state/listing-cursors';
import type { StateStore } from '../state/store';
import type { DeciderDeps } from './decider';
import type { RetrainingService } from './retraining';

/** Pages of 1,000 keys one tick lists per data source at most; a longer prefix is listed over several ticks. */
export const MAX_PAGES_PER_TICK = 5;

export interface LostTriggerDeps extends Omit<DeciderDeps, 'store'> {
  alarms: Pick<DriftAlarmAdapter, 'states'>;
  listing: Pick<ListingAdapter, 'pages'>;
  windows: Pick<DataWindows, 'seen' | 'count'>;
  cursors: Pick<ListingCursors, 'get' | 'move'>;
  store: Pick<StateStore, 'getTraining'>;
  retraining: Pick<RetrainingService, 'apply'>;
  /**
   * Describes a change of the drift alarm Shepherd keeps (Drift Detected), as describeDrift would have, unless that
   * change was described already; true when it described it now. Other alarms are not its to describe.
   */
  describeDrift: (line: ModelLine, alarm: string, changedAt: string) => Promise<boolean>;
  /** The trigger an Object Created event of this object counts under, as dataArrived finds it. */
  triggerOf: (bucket: string, key: string) => DataTrigger | undefined;
}

export class LostTriggers {
  /**
   * Each source's cursor as this container last read or moved it: only the reconciler moves cursors, so a warm
   * container need not read the item every tick. A move refused (another invocation moved it) forgets it.
   */
  private readonly cursorsKnown = new Map<string, string | undefined>();

  constructor(private readonly deps: LostTriggerDeps) {}

  /** The states of these drift alarms, 100 names a DescribeAlarms call. */
  alarmStates(names: string[]): Promise<AlarmSeen[]> {
    return names.length ? this.deps.alarms.states([...new Set(names)]) : Promise.resolve([]);
  }

  /**
   * Both recoveries of a line, each whatever the other's outcome; what failed is returned, not thrown, so that the
   * caller does the rest of the line's work before throwing it.
   */
  async recover(line: ModelLine, driftAlarms: string[], states: () => Promise<AlarmSeen[]>): Promise<unknown> {
    const failures: unknown[] = [];
    const attempt = (work: () => Promise<void>) => work().catch((err: unknown) => void failures.push(err));
    if (driftAlarms.length) await attempt(async () => this.driftAlarms(line, driftAlarms, await states()));
    if (line.triggers.data.length) await attempt(() => this.uploads(line));
    return failures[0];
  }

  /**
   * A line's drift alarm in ALARM whose change was never acted on: the retraining decision its event would make, and
   * for the alarm Shepherd keeps, the description its event would give.
   */
  async driftAlarms(line: ModelLine, driftAlarms: string[], states: AlarmSeen[]): Promise<void> {
    const { logger, metrics } = this.deps;
    for (const { alarm, changedAt, trigger } of lostDriftChanges(states, driftAlarms, this.deps.clock())) {
      // The retraining first: a report that cannot be read yet (thrown) must not hold it up.
      await this.retrain(line, trigger);
      if (await this.deps.describeDrift(line, alarm, changedAt)) {
        logger.warn('drift alarm change described: its event never reached describeDrift', { model: line.name, alarm });
        metrics.addMetric('LostEventsRecovered', MetricUnit.Count, 1);
      }
    }
  }

  private async retrain(line: ModelLine, trigger: Trigger): Promise<void> {
    const { store, retraining, logger, metrics } = this.deps;
    // Read first so that a change already acted on costs no decision (and no DuplicatesIgnored) every tick.
    if (isDuplicateTrigger((await store.getTraining(line.name)).state, trigger.id)) return;
    const decision = await retraining.apply(line.name, (s, now) => onTrigger(s, line, trigger, now));
    logger.warn('drift alarm change recovered: its event never arrived', {
      model: line.name,
      trigger,
      outcome: decision.log.message,
    });
    metrics.addMetric('LostEventsRecovered', MetricUnit.Count, 1);
  }

  /** Objects under a line's data prefixes that its open window never counted: counted now, once each. */
  async uploads(line: ModelLine): Promise<void> {
    for (const trigger of line.triggers.data) await this.listSource(line, trigger);
  }

  private async listSource(line: ModelLine, trigger: DataTrigger): Promise<void> {
    const { store, retraining, listing, windows, cursors, logger, metrics } = this.deps;
    const { state } = await store.getTraining(line.name);
    const { gen, openedAt } = state.window;
    if (!openedAt) {
      await retraining.apply(line.name, windowOpened);
      return;
    }
    const source = sourceKey(trigger);
    const known = `${line.name}\n${source}`;
    const from = this.cursorsKnown.has(known) ? this.cursorsKnown.get(known) : await cursors.get(line.name, source);
    const { objects, startAfter } = await listing.pages(trigger.bucket, trigger.prefix, MAX_PAGES_PER_TICK, from);
    const belongs = (key: string) => this.deps.triggerOf(trigger.bucket, key) === trigger;
    const now = this.deps.clock();
    const recent = uncountedObjects(objects, trigger, belongs, openedAt, new Set(), now);
    const missing = recent.length
      ? uncountedObjects(objects, trigger, belongs, openedAt, await windows.seen(line.name, gen), now)
      : [];
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
}
