import type { Action } from '../../shared/domain/actions';
import { onCompleted } from '../../shared/domain/retraining/completed';
import { onRunRefused } from '../../shared/domain/retraining/failure';
import { emptyTrainingState, type TrainingState } from '../../shared/domain/retraining/state';
import { onTrigger } from '../../shared/domain/retraining/triggers';
import { line } from '../helpers/config';
import { ofType } from '../helpers/actions';

const churn = line('churn'); // a spot job: MaxRuntimeInSeconds 3600, MaxWaitTimeInSeconds 7200
const t = (minutes: number) => new Date(Date.parse('2026-11-27T01:00:00Z') + minutes * 60_000);

/** A drift retraining of `model` started at t(0), with the start it asked for. */
function started(model: 'churn' | 'fraud' = 'churn'): { state: TrainingState; start: Action } {
  const d = onTrigger(emptyTrainingState(model), line(model), { reason: 'drift', id: 'd1', at: '' }, t(0));
  return { state: d.state!, start: d.actions[0]! };
}

describe('a run whose request AWS refused for good', () => {
  it('ends failed when CreateTrainingJob is refused: lock released, critical alert with AWS’s message', () => {
    // Prepare
    const { state, start } = started();
    const message = 'ResourceLimitExceeded: The account-level service limit for ml.m5.xlarge is 0 Instances';

    // Act
    const d = onRunRefused(state, start, message, t(1));

    // Assess
    expect(d.state?.inFlight).toBeUndefined();
    expect(d.state?.recent).toContain(state.inFlight!.jobName);
    const [said] = ofType(d.actions, 'notify');
    expect(said!.notification).toMatchObject({
      kind: 'alert',
      severity: 'critical',
      subject: '[Shepherd] churn: training failed',
    });
    expect(said!.notification.message).toContain(`CreateTrainingJob refused: ${message}`);
    expect(ofType(d.actions, 'record')[0]!.entry).toMatchObject({
      type: 'TrainingFailed',
      message: `CreateTrainingJob refused: ${message}`,
    });
    expect(d.metrics).toEqual(['TrainingsFailed']);
  });

  it('ends a pipeline run whose StartPipelineExecution is refused', () => {
    // Prepare
    const { state, start } = started('fraud');

    // Act
    const d = onRunRefused(state, start, 'AccessDeniedException: not authorized', t(1));

    // Assess
    expect(start.type).toBe('startPipelineExecution');
    expect(d.state?.inFlight).toBeUndefined();
    expect(ofType(d.actions, 'notify')[0]!.notification.severity).toBe('critical');
  });

  it('ends a registering run whose CreateModelPackage is refused, saying the model was not registered', () => {
    // Prepare
    const { state } = started();
    const job = state.inFlight!.jobName;
    const completed = {
      jobName: job,
      metrics: { 'validation:auc': 0.91 },
      artifactUri: 's3://a/model.tar.gz',
      image: 'i',
    };
    const registering = onCompleted(state, churn, completed, undefined, t(30));
    const [register] = ofType(registering.actions, 'createModelPackage');

    // Act
    const d = onRunRefused(registering.state!, register!, 'ValidationException: bad metadata', t(31));

    // Assess
    expect(d.state?.inFlight).toBeUndefined();
    expect(ofType(d.actions, 'record')[0]!.entry.type).toBe('RegistrationFailed');
    expect(ofType(d.actions, 'notify')[0]!.notification.subject).toBe('[Shepherd] churn: model not registered');
  });

  it('changes nothing for a refused start of a run that is no longer in flight', () => {
    // Prepare: the run of the refused start ended, another one runs
    const { start } = started();
    const other = onTrigger(emptyTrainingState('churn'), churn, { reason: 'drift', id: 'd2', at: '' }, t(200)).state!;

    // Act
    const d = onRunRefused(other, start, 'ValidationException: x', t(201));

    // Assess
    expect(d.state).toBeUndefined();
    expect(d.actions).toEqual([]);
  });
});
