// Drift alarm changes whose event never arrived (EventBridge lost it, or Shepherd was down past its retries): on
// every tick the reconciler reads the drift alarms' states and hands a change into ALARM to the same idempotent path
// as the event. A drift trigger is keyed by the alarm's state-change time, so the event and the reconciler start one
// training between them. Lost uploads are countLostUploads' (lost-uploads.ts).
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { DriftAlarmAdapter } from '../aws/cloudwatch-drift';
import type { ModelLine } from '../config/schema';
import { lostDriftChanges, type AlarmSeen } from '../domain/retraining/lost';
import type { Trigger } from '../domain/retraining/state';
import { onTrigger, seenTrigger } from '../domain/retraining/triggers';
import type { StateStore } from '../state/store';
import { getTraining } from '../state/training-item';
import type { DeciderDeps } from './decider';
import type { RetrainingService } from './retraining';

export interface LostDriftDeps extends Omit<DeciderDeps, 'store'> {
  alarms: Pick<DriftAlarmAdapter, 'states'>;
  store: Pick<StateStore, 'get'>;
  retraining: Pick<RetrainingService, 'apply'>;
  /**
   * Asks describeDrift to describe a change of the drift alarm Shepherd keeps (Drift Detected), unless that change
   * was described or asked for lately; true when it asked now. Other alarms are not its to describe.
   */
  requestDescription: (line: ModelLine, alarm: string, changedAt: string) => Promise<boolean>;
}

export class LostDriftChanges {
  constructor(private readonly deps: LostDriftDeps) {}

  /** The states of these drift alarms, 100 names a DescribeAlarms call. */
  alarmStates(names: string[]): Promise<AlarmSeen[]> {
    return names.length ? this.deps.alarms.states([...new Set(names)]) : Promise.resolve([]);
  }

  /**
   * A line's drift alarm in ALARM whose change was never acted on: the retraining decision its event would make, and
   * for the alarm Shepherd keeps, the description its event would have asked describeDrift for.
   */
  async recover(line: ModelLine, driftAlarms: string[], states: AlarmSeen[]): Promise<void> {
    const { logger, metrics } = this.deps;
    for (const { alarm, trigger } of lostDriftChanges(states, driftAlarms, this.deps.clock())) {
      // An event without the change's time was keyed by its own, seconds later, and described under that key.
      const id = await this.retrain(line, trigger);
      const changedAt = id.slice(id.lastIndexOf('@') + 1);
      if (await this.deps.requestDescription(line, alarm, changedAt)) {
        logger.warn('drift description requested: its event never reached describeDrift', {
          model: line.name,
          alarm,
          changedAt,
        });
        metrics.addMetric('LostEventsRecovered', MetricUnit.Count, 1);
      }
    }
  }

  /** The id the change is known by: the one it was seen under before, or the trigger's. */
  private async retrain(line: ModelLine, trigger: Trigger): Promise<string> {
    const { store, retraining, logger, metrics } = this.deps;
    // Read first so that a change already acted on costs no decision (and no DuplicatesIgnored) every tick.
    const seen = seenTrigger((await getTraining(store, line.name)).state, trigger.id);
    if (seen) return seen;
    const decision = await retraining.apply(
      line.name,
      (s, now) => onTrigger(s, line, trigger, now),
      true,
      this.deps.performs,
    );
    logger.warn('drift alarm change recovered: its event never arrived', {
      model: line.name,
      trigger,
      outcome: decision.log.message,
    });
    metrics.addMetric('LostEventsRecovered', MetricUnit.Count, 1);
    return trigger.id;
  }
}
