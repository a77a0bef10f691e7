import type { Action } from '../../shared/domain/actions';
import { emptyTrainingState, type TrainingState, type Trigger } from '../../shared/domain/retraining/state';
import { onTick, onTrigger } from '../../shared/domain/retraining/triggers';
import { findDataTrigger, objectFingerprint, WINDOW_SHARDS, windowShard } from '../../shared/domain/retraining/window';
import { line } from '../helpers/config';
import { ofType } from '../helpers/actions';

const churn = line('churn');
const data = churn.triggers.data[0]!;
const at = (iso: string) => new Date(iso);
const drift = (id: string, time = '2026-11-27T01:00:00Z'): Trigger => ({
  reason: 'drift',
  id,
  at: time,
  detail: 'alarm churn-feature-drift',
});
const started = (actions: Action[]) => ofType(actions, 'createTrainingJob');
const SOURCE = 'shepherd-example-data/churn/incoming/';

/** The window as its counters have it after `count` uploads of 1,000 bytes, one minute apart from `from`. */
function counted(state: TrainingState, count: number, from = '2026-11-27T01:00:00Z'): TrainingState {
  const lastAt = new Date(Date.parse(from) + (count - 1) * 60_000).toISOString();
  const source = { objects: count, bytes: count * 1000, firstAt: new Date(from).toISOString(), lastAt };
  const openedAt = state.window.openedAt ?? new Date(from).toISOString();
  return { ...state, window: { gen: state.window.gen, sources: { [SOURCE]: source }, openedAt } };
}

describe('data windows', () => {
  it('a burst of uploads gives one training, started once the burst has been quiet for the quiet period', () => {
    // Prepare
    const state = counted(emptyTrainingState('churn'), 5);

    // Act
    const early = onTick(state, churn, at('2026-11-27T01:08:59Z'));
    const settled = onTick(state, churn, at('2026-11-27T01:09:00Z'));

    // Assess
    expect(early.state).toBeUndefined();
    expect(started(settled.actions)).toHaveLength(1);
    expect(settled.state?.inFlight).toMatchObject({ trigger: { reason: 'data' }, window: { objects: 5, bytes: 5000 } });
    expect(settled.state?.window).toEqual({ gen: 1, sources: {}, openedAt: '2026-11-27T01:09:00.000Z' });
  });

  it('closes the window the run took once it asked for the training, with what the decision counted', () => {
    // Prepare
    const state = counted({ ...emptyTrainingState('churn'), window: { gen: 7, sources: {} } }, 5);

    // Act
    const settled = onTick(state, churn, at('2026-11-27T02:00:00Z'));

    // Assess
    expect(settled.actions.slice(0, 2).map((a) => a.type)).toEqual(['createTrainingJob', 'closeDataWindow']);
    expect(settled.actions[1]).toEqual({
      type: 'closeDataWindow',
      model: 'churn',
      runName: settled.state?.inFlight?.runName,
      gen: 7,
      sources: [SOURCE],
      counted: { objects: 5, bytes: 5000 },
    });
    expect(settled.state?.window.gen).toBe(8);
  });

  it('closes the data window for a run any trigger starts: the run reads all data present', () => {
    // Prepare
    const state = counted(emptyTrainingState('churn'), 2);

    // Act
    const d = onTrigger(state, churn, drift('d1'), at('2026-11-27T01:03:00Z'));

    // Assess
    expect(d.actions[1]).toMatchObject({ type: 'closeDataWindow', gen: 0, counted: { objects: 2, bytes: 2000 } });
    expect(d.state?.inFlight?.window).toEqual({ objects: 2, bytes: 2000 });
  });

  it('says in the timeline that a run another trigger started takes the new data too, and how much', () => {
    // Prepare
    const state = counted(emptyTrainingState('churn'), 2);

    // Act
    const withData = onTrigger(state, churn, drift('d1'), at('2026-11-27T01:03:00Z'));
    const without = onTrigger(emptyTrainingState('churn'), churn, drift('d2'), at('2026-11-27T01:03:00Z'));

    // Assess
    const [entry] = ofType(withData.actions, 'record');
    expect(entry!.entry.message).toBe(
      `Retraining started by drift (alarm churn-feature-drift; takes the 2 new object(s), 2000 bytes, too): ` +
        withData.state!.inFlight!.runName,
    );
    const [plain] = ofType(without.actions, 'record');
    expect(plain!.entry.message).toBe(
      `Retraining started by drift (alarm churn-feature-drift): ${without.state!.inFlight!.runName}`,
    );
  });

  it('asks no window closed for a line without data triggers', () => {
    // Prepare
    const scheduled = line('churn', { triggers: { ...churn.triggers, data: [] } });

    // Act
    const d = onTrigger(emptyTrainingState('churn'), scheduled, drift('d1'), at('2026-11-27T01:00:00Z'));

    // Assess
    expect(d.actions.map((a) => a.type)).not.toContain('closeDataWindow');
    expect(started(d.actions)).toHaveLength(1);
  });

  it('opens the window of a line that never trained on its first tick, so older data is not new, and keeps it', () => {
    // Prepare
    const fresh = emptyTrainingState('churn');

    // Act
    const first = onTick(fresh, churn, at('2026-11-27T01:00:00Z'));
    const second = onTick(first.state!, churn, at('2026-11-27T01:01:00Z'));
    const withoutData = onTick(
      fresh,
      line('churn', { triggers: { ...churn.triggers, data: [] } }),
      at('2026-11-27T01:00:00Z'),
    );

    // Assess
    expect(first.state?.window).toEqual({ gen: 0, sources: {}, openedAt: '2026-11-27T01:00:00.000Z' });
    expect(first.actions).toEqual([]);
    expect(second.state).toBeUndefined();
    expect(withoutData.state).toBeUndefined();
  });

  it('stays below the threshold without training, however long it waits', () => {
    // Prepare
    const state = counted(emptyTrainingState('churn'), 2);

    // Act
    const later = onTick(state, churn, at('2026-11-29T00:00:00Z'));

    // Assess
    expect(later.state).toBeUndefined();
  });

  it('releases a window that never goes quiet once its oldest object waited maxWaitSeconds', () => {
    // Prepare: an upload every minute, the quiet period never reached
    const busy = line('churn', { triggers: { ...churn.triggers, data: [{ ...data, maxWaitSeconds: 600 }] } });
    const state = counted(emptyTrainingState('churn'), 11);

    // Act
    const early = onTick(counted(emptyTrainingState('churn'), 10), busy, at('2026-11-27T01:09:59Z'));
    const due = onTick(state, busy, at('2026-11-27T01:10:00Z'));

    // Assess
    expect(early.state).toBeUndefined();
    expect(started(due.actions)).toHaveLength(1);
    expect(due.state?.inFlight?.trigger.detail).toMatch(/waited 600 s/);
  });

  it('keeps counting during a training and releases the window after it', () => {
    // Prepare
    const running = onTrigger(emptyTrainingState('churn'), churn, drift('d1'), at('2026-11-27T01:00:00Z')).state!;
    const state = counted(running, 3, '2026-11-27T01:10:00Z');

    // Act
    const during = onTick(state, churn, at('2026-11-27T01:30:00Z'));
    const after = onTick({ ...state, inFlight: undefined }, churn, at('2026-11-27T02:01:00Z'));

    // Assess
    expect(during.state).toBeUndefined();
    expect(after.state?.inFlight?.trigger.reason).toBe('data');
  });

  it('spreads objects over every shard of a window, each object always to the same one', () => {
    // Prepare
    const fingerprints = Array.from({ length: 10_000 }, (_, n) =>
      objectFingerprint({ bucket: 'b', key: `k/${n}`, size: 1, etag: `e${n}` }),
    );

    // Act
    const perShard = new Array<number>(WINDOW_SHARDS).fill(0);
    for (const fingerprint of fingerprints) perShard[windowShard(fingerprint)]! += 1;

    // Assess
    expect(windowShard(fingerprints[42]!)).toBe(windowShard(fingerprints[42]!));
    expect(Math.min(...perShard)).toBeGreaterThan(10_000 / WINDOW_SHARDS / 2);
    expect(Math.max(...perShard)).toBeLessThan((10_000 / WINDOW_SHARDS) * 2);
  });
});

describe('the data trigger an object counts under', () => {
  it('is the most specific of a line whose prefixes nest, in whatever order the config lists them', () => {
    // Prepare: the broad prefix first, as a user adding a narrower source later would write it
    const images = { ...data, prefix: 'churn/incoming/images/', minObjects: 100 };
    const nested = line('churn', { triggers: { ...churn.triggers, data: [data, images] } });

    // Act
    const image = findDataTrigger(nested, data.bucket, 'churn/incoming/images/0001.png');
    const table = findDataTrigger(nested, data.bucket, 'churn/incoming/part-0001.csv');

    // Assess
    expect(image).toBe(images);
    expect(table).toBe(data);
  });
});

describe('retraining guards', () => {
  it('starts a training for a drift alarm, with the trigger in the tags and a Retraining Started event', () => {
    // Act
    const d = onTrigger(emptyTrainingState('churn'), churn, drift('evt-1'), at('2026-11-27T01:00:00Z'));

    // Assess
    const [create] = started(d.actions);
    expect(create).toMatchObject({
      request: {
        Tags: expect.arrayContaining([
          { Key: 'shepherd:trigger', Value: 'drift' },
          { Key: 'shepherd:model', Value: 'churn' },
        ]),
      },
    });
    expect(d.actions).toContainEqual(
      expect.objectContaining({ type: 'publishEvent', detailType: 'Retraining Started' }),
    );
    expect(d.metrics).toEqual(['RetrainingsStarted']);
  });

  it('coalesces triggers during a training into one "retrain again" flag, neither lost nor duplicated', () => {
    // Prepare
    const running = onTrigger(emptyTrainingState('churn'), churn, drift('d1'), at('2026-11-27T01:00:00Z')).state!;

    // Act
    const second = onTrigger(running, churn, drift('d2'), at('2026-11-27T01:05:00Z'));
    const third = onTrigger(
      second.state!,
      churn,
      { reason: 'schedule', id: 's1', at: '2026-11-27T01:06:00Z' },
      at('2026-11-27T01:06:00Z'),
    );

    // Assess
    expect(started(second.actions)).toHaveLength(0);
    expect(second.state?.pending?.id).toBe('d2');
    expect(third.state?.pending?.id).toBe('d2');
    expect(third.metrics).toEqual(['TriggersCoalesced']);
  });

  it('starts the coalesced retraining once the run ended and the cooldown passed', () => {
    // Prepare
    const running = onTrigger(emptyTrainingState('churn'), churn, drift('d1'), at('2026-11-27T01:00:00Z')).state!;
    const queued = onTrigger(running, churn, drift('d2'), at('2026-11-27T01:05:00Z')).state!;
    const ended = { ...queued, inFlight: undefined };

    // Act
    const inCooldown = onTick(ended, churn, at('2026-11-27T01:40:00Z'));
    const afterCooldown = onTick(ended, churn, at('2026-11-27T02:00:00Z'));

    // Assess
    expect(inCooldown.state).toBeUndefined();
    expect(started(afterCooldown.actions)).toHaveLength(1);
    expect(afterCooldown.state?.pending).toBeUndefined();
    expect(afterCooldown.state?.inFlight?.trigger.id).toBe('d2');
  });

  it('lets a run started by another trigger take the coalesced flag: one run, not a second after it', () => {
    // Prepare: d2 waits behind d1; d1 ended and the cooldown passed, and a schedule fires before the next tick.
    const running = onTrigger(emptyTrainingState('churn'), churn, drift('d1'), at('2026-11-27T01:00:00Z')).state!;
    const queued = onTrigger(running, churn, drift('d2'), at('2026-11-27T01:05:00Z')).state!;
    const ended = { ...queued, inFlight: undefined };
    const schedule: Trigger = { reason: 'schedule', id: 's1', at: '2026-11-27T02:00:00Z' };

    // Act
    const scheduled = onTrigger(ended, churn, schedule, at('2026-11-27T02:00:10Z'));
    const scheduledEnded = { ...scheduled.state!, inFlight: undefined };
    const nextTick = onTick(scheduledEnded, churn, at('2026-11-27T03:30:00Z'));
    const lateD2 = onTrigger(scheduledEnded, churn, drift('d2'), at('2026-11-27T03:30:00Z'));

    // Assess
    expect(started(scheduled.actions)).toHaveLength(1);
    expect(scheduled.state?.pending).toBeUndefined();
    expect(started(nextTick.actions)).toHaveLength(0);
    expect(started(lateD2.actions)).toHaveLength(0);
    expect(ofType(scheduled.actions, 'record')[0]!.entry.message).toContain('coalesced drift');
  });

  it('refuses a trigger in the cooldown, recording why', () => {
    // Prepare
    const ended = {
      ...onTrigger(emptyTrainingState('churn'), churn, drift('d1'), at('2026-11-27T01:00:00Z')).state!,
      inFlight: undefined,
    };

    // Act
    const d = onTrigger(ended, churn, drift('d2'), at('2026-11-27T01:30:00Z'));

    // Assess
    expect(started(d.actions)).toHaveLength(0);
    expect(d.metrics).toEqual(['TriggersRefused']);
    expect(d.actions).toEqual([
      expect.objectContaining({
        type: 'record',
        entry: expect.objectContaining({
          type: 'TriggerRefused',
          message: expect.stringContaining('cooldown of 60 min'),
        }),
      }),
    ]);
  });

  it('refuses past the daily cap until the next UTC day', () => {
    // Prepare
    const state: TrainingState = {
      ...emptyTrainingState('churn'),
      starts: [
        '2026-11-27T01:00:00.000Z',
        '2026-11-27T03:00:00.000Z',
        '2026-11-27T05:00:00.000Z',
        '2026-11-27T07:00:00.000Z',
      ],
    };

    // Act
    const today = onTrigger(state, churn, drift('d5'), at('2026-11-27T12:00:00Z'));
    const tomorrow = onTrigger(state, churn, drift('d6'), at('2026-11-28T00:00:01Z'));

    // Assess
    expect(today.actions).toEqual([
      expect.objectContaining({
        entry: expect.objectContaining({ message: expect.stringContaining('daily cap of 4') }),
      }),
    ]);
    expect(started(tomorrow.actions)).toHaveLength(1);
  });

  it('ignores a duplicate of a trigger it already acted on, even after the run ended', () => {
    // Prepare
    const first = onTrigger(emptyTrainingState('churn'), churn, drift('d1'), at('2026-11-27T01:00:00Z')).state!;

    // Act
    const whileRunning = onTrigger(first, churn, drift('d1'), at('2026-11-27T01:00:01Z'));
    const afterwards = onTrigger({ ...first, inFlight: undefined }, churn, drift('d1'), at('2026-11-28T09:00:00Z'));

    // Assess
    expect(whileRunning.state).toBeUndefined();
    expect(afterwards.state).toBeUndefined();
    expect(whileRunning).toEqual(expect.objectContaining({ actions: [], metrics: ['DuplicatesIgnored'] }));
    expect(afterwards).toEqual(expect.objectContaining({ actions: [], metrics: ['DuplicatesIgnored'] }));
  });

  it('starts a pipeline line with StartPipelineExecution and a token derived from the trigger', () => {
    // Act
    const d = onTrigger(
      emptyTrainingState('fraud'),
      line('fraud'),
      { reason: 'schedule', id: 'sched-1', at: '2026-11-27T01:00:00Z' },
      at('2026-11-27T01:00:00Z'),
    );
    const again = onTrigger(
      emptyTrainingState('fraud'),
      line('fraud'),
      { reason: 'schedule', id: 'sched-1', at: '2026-11-27T01:00:00Z' },
      at('2026-11-27T01:00:00Z'),
    );

    // Assess
    const [start] = d.actions;
    expect(start).toMatchObject({
      type: 'startPipelineExecution',
      request: {
        PipelineName: 'fraud-training-pipeline',
        PipelineParameters: [{ Name: 'InputDataUri', Value: 's3://shepherd-example-data/fraud/incoming/' }],
      },
    });
    expect(again.actions[0]).toEqual(start);
  });
});
