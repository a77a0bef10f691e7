import { evaluateGate } from '../../shared/domain/retraining/gate';
import { onCompleted } from '../../shared/domain/retraining/completed';
import { onEnded } from '../../shared/domain/retraining/ended';
import type { CompletedTraining } from '../../shared/domain/retraining/observations';
import { classify, onMissing, onProgress, onRegistered } from '../../shared/domain/retraining/outcomes';
import { metricKey } from '../../shared/domain/retraining/package-request';
import { registrationFollowUps } from '../../shared/domain/retraining/registration';
import { emptyTrainingState, type TrainingState } from '../../shared/domain/retraining/state';
import { onTrigger } from '../../shared/domain/retraining/triggers';
import { line } from '../helpers/config';
import { STACK } from '../helpers/deployment';
import { ofType } from '../helpers/actions';

const churn = line('churn');
const now = new Date('2026-11-27T02:00:00Z');
const running = (): TrainingState =>
  onTrigger(
    emptyTrainingState('churn'),
    churn,
    { reason: 'drift', id: 'd1', at: '2026-11-27T01:00:00Z' },
    new Date('2026-11-27T01:00:00Z'),
  ).state!;
const completed = (jobName: string, auc: number): CompletedTraining => ({
  jobName,
  metrics: { 'validation:auc': auc, 'train:auc': 0.99 },
  artifactUri: `s3://shepherd-example-artifacts/churn/output/${jobName}/output/model.tar.gz`,
  image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
});

describe('quality gate', () => {
  const gate = churn.qualityGate!; // validation:auc, maximize, floor 0.75, margin 0.005

  it.each([
    [0.8, undefined, true, false],
    [0.74, undefined, false, false],
    [0.86, 0.855, true, true],
    [0.859, 0.855, false, false],
  ])('auc %p against production %p: passed %p, beat production %p', (value, production, passed, beat) => {
    // Act
    const result = evaluateGate(gate, { 'validation:auc': value }, production);

    // Assess
    expect(result).toMatchObject({ passed, beatProduction: beat });
  });

  it('fails with the metrics it did get when the objective metric is missing', () => {
    // Act
    const result = evaluateGate(gate, { 'train:auc': 0.9 }, undefined);

    // Assess
    expect(result.reasons).toEqual(['objective metric validation:auc is not in the final metrics (have: train:auc)']);
  });

  it.each([NaN, Infinity, -Infinity])(
    'fails saying the objective metric was reported as %p, not that it is missing',
    (auc) => {
      // Act
      const result = evaluateGate(gate, { 'validation:auc': auc, 'train:auc': 0.9 }, 0.8);

      // Assess
      expect(result).toMatchObject({ passed: false, beatProduction: false });
      expect(result.reasons).toEqual([`objective metric validation:auc is ${auc}, not a finite number to compare`]);
    },
  );

  it('reads floor and margin the other way round for metrics to minimise', () => {
    // Act
    const result = evaluateGate(
      { metric: 'validation:rmse', direction: 'minimize', floor: 2, margin: 0.1 },
      { 'validation:rmse': 1.5 },
      1.55,
    );

    // Assess
    expect(result.passed).toBe(false);
    expect(
      evaluateGate(
        { metric: 'validation:rmse', direction: 'minimize', floor: 2, margin: 0.1 },
        { 'validation:rmse': 1.45 },
        1.55,
      ).beatProduction,
    ).toBe(true);
  });

  it("compares small metrics at their own scale: a loss ten times production's neither passes nor beats it", () => {
    // Prepare
    const rule = { metric: 'validation:mse', direction: 'minimize' as const, floor: 2e-10, margin: 0 };

    // Act
    const result = evaluateGate(rule, { 'validation:mse': 1e-9 }, 1e-10);

    // Assess
    expect(result).toMatchObject({ passed: false, beatProduction: false });
    expect(result.reasons).toEqual([
      'validation:mse 1e-9 is above the floor 2e-10',
      'validation:mse 1e-9 does not beat production 1e-10 by the margin 0',
    ]);
  });
});

describe('training outcomes', () => {
  it('registers a model that passed the gate, pending manual approval, with metrics and lineage', () => {
    // Prepare
    const state = running();
    const job = state.inFlight!.jobName;

    // Act
    const d = onCompleted(state, churn, completed(job, 0.91), { modelPackageArn: 'arn:prod', metric: 0.88 }, now);

    // Assess
    const [register] = ofType(d.actions, 'createModelPackage');
    expect(register!.request).toMatchObject({
      ModelPackageGroupName: 'churn-models',
      ModelApprovalStatus: 'PendingManualApproval',
      InferenceSpecification: { Containers: [{ ModelDataUrl: expect.stringContaining(job) }] },
      CustomerMetadataProperties: expect.objectContaining({
        'shepherd:trainingJob': job,
        'shepherd:trigger': 'drift',
        'shepherd:metric:validation:auc': '0.91',
        'shepherd:productionValue': '0.88',
      }),
    });
    expect(d.state?.inFlight).toMatchObject({ jobName: job, phase: 'registering' });
    expect(d.metrics).toEqual(['TrainingsSucceeded', 'ModelsRegistered']);
  });

  it("registers the gate's metric under its key even when another metric's name cuts to the same key", () => {
    // Prepare
    const state = running();
    const job = state.inFlight!.jobName;
    const long = `validation:auc:${'x'.repeat(120)}`;
    const gateLine = { ...churn, qualityGate: { ...churn.qualityGate!, metric: `${long}-gated` } };
    const trained = { ...completed(job, 0.9), metrics: { [`${long}-gated`]: 0.9, [`${long}-other`]: 0.1 } };

    // Act
    const d = onCompleted(state, gateLine, trained, undefined, now);

    // Assess
    const [register] = ofType(d.actions, 'createModelPackage');
    expect(register!.request.CustomerMetadataProperties?.[metricKey(`${long}-gated`)]).toBe('0.9');
  });

  it('rejects a diverged training and shows the value it reported, not "missing"', () => {
    // Prepare
    const state = running();
    const job = state.inFlight!.jobName;

    // Act
    const d = onCompleted(state, churn, completed(job, NaN), undefined, now);

    // Assess
    expect(ofType(d.actions, 'createModelPackage')).toEqual([]);
    const [notify] = ofType(d.actions, 'notify');
    expect(notify!.notification.message).toContain('validation:auc = NaN (maximize)');
    expect(notify!.notification.message).toContain('validation:auc is NaN, not a finite number to compare');
  });

  it('holds the line until the package exists, so the next run is gated against this model', () => {
    // Prepare
    const state = running();
    const job = state.inFlight!.jobName;
    const registering = onCompleted(state, churn, completed(job, 0.91), undefined, now).state!;

    // Act
    const duplicate = classify(registering, job);
    const drift = onTrigger(
      registering,
      churn,
      { reason: 'drift', id: 'd9', at: '' },
      new Date('2026-11-27T09:00:00Z'),
    );
    const released = onRegistered(registering, state.inFlight!.runName);

    // Assess
    expect(duplicate).toBe('stale');
    expect(drift.metrics).toEqual(['TriggersCoalesced']);
    expect(released.state?.inFlight).toBeUndefined();
    expect(released.state?.recent).toContain(job);
  });

  it('auto-approves only when the line allows it and the model beat production by the margin', () => {
    // Prepare
    const auto = line('churn', { approval: { ...churn.approval, mode: 'auto' } });
    const job = running().inFlight!.jobName;
    const status = (production?: number) =>
      ofType(
        onCompleted(
          running(),
          auto,
          completed(job, 0.9),
          production === undefined ? undefined : { modelPackageArn: 'arn:prod', metric: production },
          now,
        ).actions,
        'createModelPackage',
      )[0]!.request.ModelApprovalStatus;

    // Act + Assess
    expect(status(0.85)).toBe('Approved');
    expect(status(undefined)).toBe('PendingManualApproval');
  });

  it('rejects a model below the floor: a Training Rejected event and a warning, no registration', () => {
    // Prepare
    const state = running();

    // Act
    const d = onCompleted(state, churn, completed(state.inFlight!.jobName, 0.7), undefined, now);

    // Assess
    expect(ofType(d.actions, 'createModelPackage')).toHaveLength(0);
    expect(ofType(d.actions, 'publishEvent')).toEqual([
      expect.objectContaining({
        detailType: 'Training Rejected',
        detail: expect.objectContaining({ reasons: ['validation:auc 0.7 is below the floor 0.75'] }),
      }),
    ]);
    expect(ofType(d.actions, 'notify')[0]!.notification).toMatchObject({
      kind: 'alert',
      severity: 'warning',
      model: 'churn',
    });
    expect(d.metrics).toEqual(['TrainingsSucceeded', 'GateRejected']);
  });

  it('retries a spot job that ran out of wait time as -r1 from the same checkpoint', () => {
    // Prepare
    const state = running();
    const first = state.inFlight!.jobName;

    // Act
    const d = onEnded(state, churn, { name: first, status: 'Stopped', secondaryStatus: 'MaxWaitTimeExceeded' }, now);

    // Assess
    const [retry] = ofType(d.actions, 'createTrainingJob');
    const original = ofType(
      onTrigger(
        emptyTrainingState('churn'),
        churn,
        { reason: 'drift', id: 'd1', at: '' },
        new Date('2026-11-27T01:00:00Z'),
      ).actions,
      'createTrainingJob',
    )[0]!;
    expect(retry!.request.TrainingJobName).toBe(`${first}-r1`);
    expect(retry!.request.CheckpointConfig).toEqual(original.request.CheckpointConfig);
    expect(d.state?.inFlight).toMatchObject({ attempt: 1, jobName: `${first}-r1` });
    expect(d.metrics).toEqual(['TrainingsRetried']);
  });

  it('says an on-demand job retried for lack of capacity lost instance capacity, not spot capacity', () => {
    // Prepare
    const state = running();
    const onDemand = { ...churn, training: { ...churn.training, spot: false, checkpointS3Uri: undefined } };
    const failureReason = 'CapacityError: Unable to provision requested ML compute capacity (InsufficientCapacity)';

    // Act
    const d = onEnded(state, onDemand, { name: state.inFlight!.jobName, status: 'Failed', failureReason }, now);

    // Assess
    const [entry] = ofType(d.actions, 'record');
    expect(entry!.entry.message).toContain('ended for lack of instance capacity');
    expect(entry!.entry.message).not.toMatch(/spot/);
  });

  it('says a retry resumes from the checkpoint prefix its request names, the default one too', () => {
    // Prepare
    const state = running();
    const noCheckpointUri = { ...churn, training: { ...churn.training, checkpointS3Uri: undefined } };
    const jobName = state.inFlight!.jobName;
    const interrupted = { name: jobName, status: 'Stopped', secondaryStatus: 'Interrupted' };

    // Act
    const d = onEnded(state, noCheckpointUri, interrupted, now);

    // Assess
    const [retry] = ofType(d.actions, 'createTrainingJob');
    const prefix = retry!.request.CheckpointConfig.S3Uri!;
    expect(prefix).toContain('/checkpoints/churn/');
    const [entry] = ofType(d.actions, 'record');
    expect(entry!.entry.message).toContain(`resumes from the checkpoints under ${prefix}`);
    expect(entry!.entry.message).not.toContain('starts over');
  });

  it('gives up after maxSpotRetries, releases the lock and alerts with the reason', () => {
    // Prepare
    const state = running();
    const exhausted = {
      ...state,
      inFlight: { ...state.inFlight!, attempt: 2, jobName: `${state.inFlight!.runName}-r2` },
    };

    // Act
    const d = onEnded(
      exhausted,
      churn,
      { name: exhausted.inFlight.jobName, status: 'Stopped', secondaryStatus: 'MaxWaitTimeExceeded' },
      now,
    );

    // Assess
    expect(ofType(d.actions, 'createTrainingJob')).toHaveLength(0);
    expect(d.state?.inFlight).toBeUndefined();
    expect(ofType(d.actions, 'notify')[0]!.notification.message).toContain('MaxWaitTimeExceeded');
  });

  it('says a run out of spot retries gave up for want of capacity, not that the job was stopped', () => {
    // Prepare
    const state = running();
    const jobName = `${state.inFlight!.runName}-r2`;
    const exhausted = { ...state, inFlight: { ...state.inFlight!, attempt: 2, jobName } };

    // Act
    const d = onEnded(
      exhausted,
      churn,
      { name: jobName, status: 'Stopped', secondaryStatus: 'MaxWaitTimeExceeded' },
      now,
    );

    // Assess
    const [notify] = ofType(d.actions, 'notify');
    expect(notify!.notification.subject).toBe('[Shepherd] churn: training gave up: no spot capacity');
    expect(notify!.notification.message.split('\n')[0]).toBe(
      `Training ${jobName} of model line churn gave up: spot capacity did not come back after 2 retries.`,
    );
    expect(ofType(d.actions, 'record')[0]!.entry.message).toBe(
      `${jobName} gave up: spot capacity did not come back after 2 retries (MaxWaitTimeExceeded)`,
    );
  });

  it('retries a job that failed with the CapacityError SageMaker reports when it has no instances to give', () => {
    // Prepare
    const state = running();
    // SageMaker's own words (the SageMaker Python SDK raises its CapacityError on this prefix).
    const failureReason =
      'CapacityError: Unable to provision requested ML compute capacity. ' +
      'Please retry using a different ML instance type.';

    // Act
    const d = onEnded(state, churn, { name: state.inFlight!.jobName, status: 'Failed', failureReason }, now);

    // Assess
    const [retry] = ofType(d.actions, 'createTrainingJob');
    expect(retry!.request.TrainingJobName).toBe(`${state.inFlight!.runName}-r1`);
    expect(ofType(d.actions, 'notify')).toHaveLength(0);
    expect(d.metrics).toEqual(['TrainingsRetried']);
  });

  it('does not retry an algorithm error: alert with the failure reason', () => {
    // Prepare
    const state = running();

    // Act
    const d = onEnded(
      state,
      churn,
      { name: state.inFlight!.jobName, status: 'Failed', failureReason: 'AlgorithmError: exit code 1' },
      now,
    );

    // Assess
    expect(ofType(d.actions, 'createTrainingJob')).toHaveLength(0);
    const [alert] = ofType(d.actions, 'notify');
    expect(alert!.notification).toMatchObject({ severity: 'critical', subject: '[Shepherd] churn: training failed' });
    expect(alert!.notification.message).toContain('AlgorithmError: exit code 1');
    expect(d.metrics).toEqual(['TrainingsFailed']);
  });

  it('recognises events of earlier attempts and finished runs as stale, and others as unknown', () => {
    // Prepare
    const state = running();
    const run = state.inFlight!.runName;
    const retried = onEnded(state, churn, { name: run, status: 'Stopped', secondaryStatus: 'MaxWaitTimeExceeded' }, now)
      .state!;

    // Act + Assess
    expect(classify(retried, `${run}-r1`)).toBe('current');
    expect(classify(retried, run)).toBe('stale');
    expect(classify(retried, 'someone-elses-job-2026')).toBe('unknown');
  });

  it('remembers a finished run once: its job and run names are one name on the first attempt', () => {
    // Prepare
    const state = running();
    const run = state.inFlight!.runName;

    // Act
    const d = onEnded(state, churn, { name: run, status: 'Failed', failureReason: 'AlgorithmError: exit code 1' }, now);

    // Assess
    expect(d.state!.recent).toEqual(['d1', run]);
  });

  it('records a spot interruption once, however many InProgress events repeat it', () => {
    // Prepare
    const state = running();
    const o = { name: state.inFlight!.jobName, status: 'InProgress', secondaryStatus: 'Interrupted' };

    // Act
    const first = onProgress(state, o, now);
    const repeat = onProgress(first.state!, o, now);

    // Assess
    expect(ofType(first.actions, 'record')[0]!.entry.type).toBe('SpotInterrupted');
    expect(repeat.actions).toEqual([]);
  });

  it('asks again for a run SageMaker never heard of, under the same name', () => {
    // Prepare
    const state = running();

    // Act
    const d = onMissing(state, churn, now);

    // Assess
    expect(ofType(d.actions, 'createTrainingJob')[0]!.request.TrainingJobName).toBe(state.inFlight!.jobName);
  });
});

describe('after registration', () => {
  it('a pending model asks for approval on SNS with a subject within 100 characters', () => {
    // Act
    const actions = registrationFollowUps(
      {
        model: 'x'.repeat(80),
        runName: 'r',
        modelPackageGroup: 'g',
        trainingJobName: 'j',
        trigger: 'data',
        approvalStatus: 'PendingManualApproval',
        metric: { name: 'validation:auc', value: 0.91 },
        approvers: ['a@example.com'],
        at: '2026-11-27T02:00:00.000Z',
      },
      'arn:aws:sagemaker:us-east-1:123456789012:model-package/g/3',
      STACK,
    );

    // Assess
    const [approval] = ofType(actions, 'notify');
    expect(approval!.notification.kind).toBe('approval');
    expect(approval!.notification.subject.length).toBeLessThanOrEqual(100);
    expect(approval!.notification.message).toContain(
      `npx shepherd --stage test --region us-east-1 approve ${'x'.repeat(80)} --version 3`,
    );
    expect(approval!.notification.links).toEqual({
      subject: 'arn:aws:sagemaker:us-east-1:123456789012:model-package/g/3',
      actions: ['approve', 'reject'],
      approvers: ['a@example.com'],
      ttlHours: 24,
    });
    expect(ofType(actions, 'publishEvent').map((a) => a.detailType)).toEqual([
      'Model Registered',
      'Approval Requested',
    ]);
    expect(actions.at(-1)).toEqual({ type: 'releaseRun', model: 'x'.repeat(80), runName: 'r' });
  });

  it('an auto-approved model is announced, with no approval request', () => {
    // Act
    const actions = registrationFollowUps(
      {
        model: 'churn',
        runName: 'r',
        modelPackageGroup: 'churn-models',
        trainingJobName: 'j',
        trigger: 'data',
        approvalStatus: 'Approved',
        metric: { name: 'validation:auc', value: 0.91, production: 0.88 },
        approvers: [],
        at: '2026-11-27T02:00:00.000Z',
      },
      'arn:pkg',
      STACK,
    );

    // Assess
    expect(ofType(actions, 'publishEvent').map((a) => a.detailType)).toEqual(['Model Registered']);
    expect(ofType(actions, 'notify')).toEqual([]);
  });
});
