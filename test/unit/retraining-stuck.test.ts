import type { Action } from '../../shared/domain/actions';
import { onCompleted } from '../../shared/domain/retraining/completed';
import { watchTraining } from '../../shared/domain/retraining/stuck';
import { emptyTrainingState, type TrainingState } from '../../shared/domain/retraining/state';
import { onTrigger } from '../../shared/domain/retraining/triggers';
import { line } from '../helpers/config';
import { ofType } from '../helpers/actions';

const churn = line('churn'); // a spot job: MaxRuntimeInSeconds 3600, MaxWaitTimeInSeconds 7200
const fraud = line('fraud'); // a pipeline
const t = (minutes: number) => new Date(Date.parse('2026-11-27T01:00:00Z') + minutes * 60_000);

/** A drift retraining of `model` started at t(0), with the start it asked for. */
function started(model: 'churn' | 'fraud' = 'churn'): { state: TrainingState; start: Action } {
  const d = onTrigger(emptyTrainingState(model), line(model), { reason: 'drift', id: 'd1', at: '' }, t(0));
  return { state: d.state!, start: d.actions[0]! };
}

describe('a run that stays far longer than its stopping condition', () => {
  // Spot: each attempt may take MaxWaitTimeInSeconds (120 min) plus a 30-minute margin.
  it.each([
    [150, false],
    [151, true],
  ])('at %p min of its first attempt, is said to be stuck: %p', (minutes, stuck) => {
    // Prepare
    const { state } = started();

    // Act
    const d = watchTraining(state, churn, t(minutes));

    // Assess
    expect(d.state !== undefined).toBe(stuck);
  });

  it('says what it waits for, once: the status is remembered in the state', () => {
    // Prepare
    const { state } = started();

    // Act
    const first = watchTraining(state, churn, t(151));
    const again = watchTraining(first.state!, churn, t(200));

    // Assess
    const [said] = ofType(first.actions, 'notify');
    expect(said!.notification).toMatchObject({
      severity: 'warning',
      subject: '[Shepherd] churn: training stuck for 151 min',
    });
    expect(said!.notification.message).toContain(
      `training job ${state.inFlight!.jobName} to end (its MaxWaitTimeInSeconds 7200 has passed`,
    );
    expect(first.state?.inFlight?.stuckSaid).toBe(`${state.inFlight!.jobName}/training`);
    expect(again.state).toBeUndefined();
  });

  it('gives every spot retry its own stopping condition', () => {
    // Prepare: the second attempt (-r1) of a run started at t(0)
    const { state } = started();
    const retried = {
      ...state,
      inFlight: { ...state.inFlight!, attempt: 1, jobName: `${state.inFlight!.runName}-r1` },
    };

    // Act / Assess
    expect(watchTraining(retried, churn, t(300)).state).toBeUndefined();
    expect(watchTraining(retried, churn, t(301)).state?.inFlight?.stuckSaid).toBe(
      `${state.inFlight!.runName}-r1/training`,
    );
  });

  it('holds an on-demand job to MaxRuntimeInSeconds', () => {
    // Prepare
    const onDemand = line('churn', {
      training: { ...(churn.training as Extract<typeof churn.training, { type: 'job' }>), spot: false },
    });
    const { state } = started();

    // Act / Assess
    expect(watchTraining(state, onDemand, t(90)).state).toBeUndefined();
    expect(watchTraining(state, onDemand, t(91)).state).toBeDefined();
  });

  it('says a registration that waits over an hour, and never a pipeline run, which has no stopping condition', () => {
    // Prepare
    const { state } = started();
    const completed = {
      jobName: state.inFlight!.jobName,
      metrics: { 'validation:auc': 0.91 },
      artifactUri: 's3://a',
      image: 'i',
    };
    const registering = onCompleted(state, churn, completed, undefined, t(30)).state!;
    const pipeline = started('fraud').state;

    // Act / Assess
    expect(watchTraining(registering, churn, t(91)).state?.inFlight?.stuckSaid).toBe(
      `${state.inFlight!.jobName}/registering`,
    );
    expect(watchTraining(pipeline, fraud, t(10_000)).state).toBeUndefined();
  });
});
