import type { Action, RegistrationFollowUp } from '../actions';
import { record } from '../decisions';
import { message, subject } from '../notify';

/** What follows a registration once its ARN is known: the domain events, the timeline and the approval request. */
export function registrationFollowUps(followUp: RegistrationFollowUp, modelPackageArn: string): Action[] {
  const { model, at, trainingJobName, approvers, metric } = followUp;
  const detail = {
    model,
    modelPackageArn,
    modelPackageGroup: followUp.modelPackageGroup,
    trainingJobName,
    trigger: followUp.trigger,
    approvalStatus: followUp.approvalStatus,
    metric,
  };
  const registered: Action[] = [
    record(
      model,
      at,
      `registered-${trainingJobName}`,
      'ModelRegistered',
      `Registered ${modelPackageArn} (${followUp.approvalStatus})`,
      detail,
    ),
    { type: 'publishEvent', detailType: 'Model Registered', detail },
  ];
  const release: Action = { type: 'releaseRun', model, runName: followUp.runName };
  if (followUp.approvalStatus === 'Approved') return [...registered, release];
  const versus =
    metric.production !== undefined ? `${metric.production} in production` : 'no production model to compare';
  const requested = `Approval requested from ${approvers.join(', ') || 'the approvers subscribed to the topic'}`;
  const command = (status: string) =>
    `aws sagemaker update-model-package --model-package-arn ${modelPackageArn} --model-approval-status ${status}`;
  return [
    ...registered,
    record(model, at, `approval-${trainingJobName}`, 'ApprovalRequested', requested, { modelPackageArn }),
    { type: 'publishEvent', detailType: 'Approval Requested', detail: { ...detail, approvers } },
    {
      type: 'notify',
      notification: {
        kind: 'approval',
        severity: 'info',
        model,
        subject: subject(`[Shepherd] ${model}: approve model ${metric.name}=${metric.value}?`),
        message: message(`A new model of ${model} passed its quality gate and awaits approval.`, {
          'Model package': modelPackageArn,
          [metric.name]: `${metric.value} (${versus})`,
          'Training job': trainingJobName,
          Trigger: followUp.trigger,
          Approvers: approvers.join(', ') || undefined,
          Approve: command('Approved'),
          Reject: command('Rejected'),
        }),
      },
    },
    release,
  ];
}
