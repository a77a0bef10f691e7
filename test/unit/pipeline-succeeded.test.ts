import { onPipelineSucceeded } from '../../shared/domain/retraining/pipeline';
import { emptyTrainingState, type TrainingState } from '../../shared/domain/retraining/state';
import { onTrigger } from '../../shared/domain/retraining/triggers';
import { line } from '../helpers/config';
import { STACK } from '../helpers/deployment';
import { ofType } from '../helpers/actions';

const EXECUTION = 'arn:aws:sagemaker:us-east-1:123456789012:pipeline/fraud-training-pipeline/execution/7zq1m3v9k2ab';
const PACKAGE = 'arn:aws:sagemaker:us-east-1:123456789012:model-package/fraud-models/3';
const manual = line('fraud', {
  approval: { mode: 'manual', approvers: ['fraud-leads@example.com'], linkTtlHours: 48 },
});
const auto = line('fraud');
const now = new Date('2026-11-27T05:42:18Z');

function running(): TrainingState {
  const started = onTrigger(
    emptyTrainingState('fraud'),
    auto,
    { reason: 'schedule', id: 's1', at: '2026-11-27T05:00:00Z' },
    new Date('2026-11-27T05:00:00Z'),
  ).state!;
  return { ...started, inFlight: { ...started.inFlight!, executionArn: EXECUTION } };
}

describe('a pipeline execution that succeeded', () => {
  it('asks the approvers of a manual line about the package it registered pending, as it releases the run', () => {
    // Prepare
    const state = running();

    // Act
    const decision = onPipelineSucceeded(
      state,
      manual,
      [{ arn: PACKAGE, approvalStatus: 'PendingManualApproval' }],
      now,
      STACK,
    );

    // Assess
    expect(decision.state?.inFlight).toBeUndefined();
    expect(ofType(decision.actions, 'publishEvent').map((a) => [a.detailType, a.detail])).toEqual([
      ['Model Registered', expect.objectContaining({ modelPackageArn: PACKAGE, pipelineExecution: EXECUTION })],
      ['Approval Requested', expect.objectContaining({ approvers: ['fraud-leads@example.com'] })],
    ]);
    expect(ofType(decision.actions, 'record').map((a) => a.entry.type)).toEqual(
      expect.arrayContaining(['PipelineSucceeded', 'ModelRegistered', 'ApprovalRequested']),
    );
    const [approval] = ofType(decision.actions, 'notify').map((a) => a.notification);
    expect(approval!.links).toEqual({
      subject: PACKAGE,
      actions: ['approve', 'reject'],
      approvers: ['fraud-leads@example.com'],
      ttlHours: 48,
    });
    expect(approval!.message).toMatch(new RegExp(`Pipeline execution +${EXECUTION}`));
    expect(approval!.message).toMatch(/Trigger +schedule/);
    expect(approval!.message).toContain('npx shepherd --stage test --region us-east-1 approve fraud --version 3');
    // The pipeline evaluated the model: Shepherd has no metric of it to show.
    expect(approval!.message).not.toContain('validation:f1');
    expect(approval!.subject.length).toBeLessThanOrEqual(100);
    expect(ofType(decision.actions, 'releaseRun')).toEqual([]);
  });

  it('announces a package left pending on an auto line as registered, and asks nobody: the pipeline chose', () => {
    // Act
    const decision = onPipelineSucceeded(
      running(),
      auto,
      [{ arn: PACKAGE, approvalStatus: 'PendingManualApproval' }],
      now,
      STACK,
    );

    // Assess
    expect(ofType(decision.actions, 'publishEvent').map((a) => [a.detailType, a.detail])).toEqual([
      [
        'Model Registered',
        expect.objectContaining({
          modelPackageArn: PACKAGE,
          approvalStatus: 'PendingManualApproval',
          pipelineExecution: EXECUTION,
        }),
      ],
    ]);
    expect(ofType(decision.actions, 'record').map((a) => a.entry.type)).toEqual([
      'PipelineSucceeded',
      'ModelRegistered',
    ]);
    expect(ofType(decision.actions, 'notify')).toEqual([]);
    expect(decision.metrics).toEqual(['TrainingsSucceeded', 'ModelsRegistered']);
    expect(decision.state?.inFlight).toBeUndefined();
  });

  it.each([
    ['auto', auto],
    ['manual', manual],
  ])('announces a package it registered Approved on a %s line, with no approval request', (_mode, fraud) => {
    // Act
    const decision = onPipelineSucceeded(running(), fraud, [{ arn: PACKAGE, approvalStatus: 'Approved' }], now, STACK);

    // Assess
    expect(ofType(decision.actions, 'publishEvent').map((a) => [a.detailType, a.detail])).toEqual([
      ['Model Registered', expect.objectContaining({ modelPackageArn: PACKAGE, approvalStatus: 'Approved' })],
    ]);
    expect(ofType(decision.actions, 'notify')).toEqual([]);
    expect(ofType(decision.actions, 'record').map((a) => a.entry.type)).not.toContain('ApprovalRequested');
    expect(decision.metrics).toEqual(['TrainingsSucceeded', 'ModelsRegistered']);
  });

  it('counts a package it left pending on a manual line as registered, as a job line’s', () => {
    // Act
    const decision = onPipelineSucceeded(
      running(),
      manual,
      [{ arn: PACKAGE, approvalStatus: 'PendingManualApproval' }],
      now,
      STACK,
    );

    // Assess
    expect(decision.metrics).toEqual(['TrainingsSucceeded', 'ModelsRegistered']);
  });

  it.each([
    ['manual', manual],
    ['auto', auto],
  ])('says a package it registered Rejected on a %s line as a rejection: event, warning and count', (_mode, fraud) => {
    // Act
    const decision = onPipelineSucceeded(running(), fraud, [{ arn: PACKAGE, approvalStatus: 'Rejected' }], now, STACK);

    // Assess
    expect(decision.state?.inFlight).toBeUndefined();
    expect(ofType(decision.actions, 'publishEvent').map((a) => [a.detailType, a.detail])).toEqual([
      [
        'Training Rejected',
        expect.objectContaining({
          model: 'fraud',
          modelPackageArn: PACKAGE,
          pipelineExecution: EXECUTION,
          reasons: [`pipeline execution ${EXECUTION} registered ${PACKAGE} as Rejected`],
        }),
      ],
    ]);
    const alerts = ofType(decision.actions, 'notify').map((a) => a.notification);
    expect(alerts.map((n) => [n.kind, n.severity, n.subject])).toEqual([
      ['alert', 'warning', '[Shepherd] fraud: pipeline registered a rejected model'],
    ]);
    expect(alerts[0]!.message).toContain(PACKAGE);
    expect(ofType(decision.actions, 'record').map((a) => a.entry.type)).toEqual([
      'PipelineSucceeded',
      'TrainingRejected',
    ]);
    expect(decision.metrics).toEqual(['TrainingsSucceeded', 'GateRejected']);
  });

  it('says an execution that registered nothing as a rejection: event, warning, timeline entry and count', () => {
    // Act
    const decision = onPipelineSucceeded(running(), auto, [], now, STACK);

    // Assess
    const run = running().inFlight!.runName;
    const reason = `pipeline execution ${EXECUTION} succeeded but registered no model in fraud-models`;
    expect(ofType(decision.actions, 'publishEvent').map((a) => [a.detailType, a.detail])).toEqual([
      ['Training Rejected', { model: 'fraud', trainingJobName: run, pipelineExecution: EXECUTION, reasons: [reason] }],
    ]);
    expect(ofType(decision.actions, 'notify').map((a) => a.notification.subject)).toEqual([
      '[Shepherd] fraud: pipeline registered no model',
    ]);
    expect(ofType(decision.actions, 'record').map((a) => a.entry.type)).toEqual([
      'PipelineSucceeded',
      'TrainingRejected',
    ]);
    expect(decision.metrics).toEqual(['TrainingsSucceeded', 'GateRejected']);
  });

  it('says each package an execution registered, each under timeline ids of its own', () => {
    // Prepare
    const second = 'arn:aws:sagemaker:us-east-1:123456789012:model-package/fraud-models/4';
    const registered = [
      { arn: PACKAGE, approvalStatus: 'PendingManualApproval' },
      { arn: second, approvalStatus: 'Rejected' },
    ];

    // Act
    const decision = onPipelineSucceeded(running(), manual, registered, now, STACK);

    // Assess
    expect(
      ofType(decision.actions, 'publishEvent').map((a) => [
        a.detailType,
        (a.detail as { modelPackageArn?: string }).modelPackageArn,
      ]),
    ).toEqual([
      ['Model Registered', PACKAGE],
      ['Approval Requested', PACKAGE],
      ['Training Rejected', second],
    ]);
    const ids = ofType(decision.actions, 'record').map((a) => a.entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(decision.metrics).toEqual(['TrainingsSucceeded', 'ModelsRegistered', 'GateRejected']);
  });
});
