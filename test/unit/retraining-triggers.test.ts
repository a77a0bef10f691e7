import type { Action } from '../../shared/domain/actions';
import { emptyTrainingState, type TrainingState, type Trigger } from '../../shared/domain/retraining/state';
import { onDataArrived, onTick, onTrigger } from '../../shared/domain/retraining/triggers';
import { line } from '../helpers/config';

const churn = line('churn');
const data = churn.triggers.data[0]!;
const at = (iso: string) => new Date(iso);
const object = (n: number, etag = `etag-${n}`) => ({
  bucket: 'shepherd-example-data',
  key: `churn/incoming/part-${n}.csv`,
  size: 1000,
  etag,
});
const drift = (id: string, time = '2026-11-27T01:00:00Z'): Trigger => ({
  reason: 'drift',
  id,
  at: time,
  detail: 'alarm churn-feature-drift',
});
const started = (actions: Action[]) => actions.filter((a) => a.type === 'createTrainingJob');

/** Feeds objects one minute apart, each decision applied to the next, as the handler would. */
function upload(state: TrainingState, count: number, from = '2026-11-27T01:00:00Z') {
  const decisions = [];
  for (let i = 0; i < count; i++) {
    const d = onDataArrived(state, churn, data, object(i), new Date(Date.parse(from) + i * 60_000));
    decisions.push(d);
    state = d.state ?? state;
  }
  return { state, decisions };
}

describe('data windows', () => {
  it('a burst of uploads gives one training, started once the burst has been quiet for the quiet period', () => {
    // Prepare
    const { state, decisions } = upload(emptyTrainingState('churn'), 5);

    // Act
    const early = onTick(state, churn, at('2026-11-27T01:06:59Z'));
    const settled = onTick(state, churn, at('2026-11-27T01:09:00Z'));

    // Assess
    expect(decisions.flatMap((d) => started(d.actions))).toHaveLength(0);
    expect(early.state).toBeUndefined();
    expect(started(settled.actions)).toHaveLength(1);
    expect(settled.state?.inFlight).toMatchObject({ trigger: { reason: 'data' }, window: { objects: 5, bytes: 5000 } });
    expect(settled.state?.window).toEqual({ sources: {}, seen: [] });
  });

  it('counts the same object (key and etag) once, however often it is delivered', () => {
    // Prepare
    const first = onDataArrived(emptyTrainingState('churn'), churn, data, object(1), at('2026-11-27T01:00:00Z'));

    // Act
    const again = onDataArrived(first.state!, churn, data, object(1), at('2026-11-27T01:00:05Z'));
    const rewritten = onDataArrived(first.state!, churn, data, object(1, 'other-etag'), at('2026-11-27T01:00:06Z'));

    // Assess
    expect(again.state).toBeUndefined();
    expect(again.metrics).toEqual(['DuplicatesIgnored']);
    expect(rewritten.state?.window.sources['shepherd-example-data/churn/incoming/']).toMatchObject({ objects: 2 });
  });

  it('stays below the threshold without training, however long it waits', () => {
    // Prepare
    const { state } = upload(emptyTrainingState('churn'), 2);

    // Act
    const later = onTick(state, churn, at('2026-11-29T00:00:00Z'));

    // Assess
    expect(later.state).toBeUndefined();
  });

  it('releases a window that never goes quiet once its oldest object waited maxWaitSeconds', () => {
    // Prepare: an upload every minute for a day, the quiet period never reached
    const busy = line('churn', { triggers: { ...churn.triggers, data: [{ ...data, maxWaitSeconds: 600 }] } });
    let state = emptyTrainingState('churn');
    let start: Action[] = [];

    // Act
    for (let i = 0; i < 15 && start.length === 0; i++) {
      const d = onDataArrived(
        state,
        busy,
        busy.triggers.data[0]!,
        object(i),
        new Date(Date.parse('2026-11-27T01:00:00Z') + i * 60_000),
      );
      state = d.state ?? state;
      start = started(d.actions);
    }

    // Assess
    expect(start).toHaveLength(1);
    expect(state.inFlight?.trigger.detail).toMatch(/waited 600 s/);
  });

  it('keeps counting during a training and releases the window after it', () => {
    // Prepare
    const running = onTrigger(emptyTrainingState('churn'), churn, drift('d1'), at('2026-11-27T01:00:00Z')).state!;
    const { state } = upload(running, 3, '2026-11-27T01:10:00Z');

    // Act
    const during = onTick(state, churn, at('2026-11-27T01:30:00Z'));
    const after = onTick({ ...state, inFlight: undefined }, churn, at('2026-11-27T02:01:00Z'));

    // Assess
    expect(during.state).toBeUndefined();
    expect(after.state?.inFlight?.trigger.reason).toBe('data');
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
