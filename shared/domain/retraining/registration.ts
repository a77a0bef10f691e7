import type { Action, RegistrationFollowUp } from '../actions';
import { message, subject } from './notify';

/** What follows a registration once its ARN is known: the domain events, the timeline and the approval request. */
export function registrationFollowUps(f: RegistrationFollowUp, modelPackageArn: string): Action[] {
  const detail = { model: f.model, modelPackageArn, modelPackageGroup: f.modelPackageGroup, trainingJobName: f.trainingJobName, trigger: f.trigger, approvalStatus: f.approvalStatus, metric: f.metric };
  const registered: Action[] = [
    { type: 'record', entry: { model: f.model, at: f.at, id: `registered-${f.trainingJobName}`, type: 'ModelRegistered', message: `Registered ${modelPackageArn} (${f.approvalStatus})`, data: detail } },
    { type: 'publishEvent', detailType: 'Model Registered', detail },
  ];
  const release: Action = { type: 'releaseRun', model: f.model, runName: f.runName };
  if (f.approvalStatus === 'Approved') return [...registered, release];
  const versus = f.metric.production !== undefined ? `${f.metric.production} in production` : 'no production model to compare';
  return [
    ...registered,
    { type: 'record', entry: { model: f.model, at: f.at, id: `approval-${f.trainingJobName}`, type: 'ApprovalRequested', message: `Approval requested from ${f.approvers.join(', ') || 'the approvers subscribed to the topic'}`, data: { modelPackageArn } } },
    { type: 'publishEvent', detailType: 'Approval Requested', detail: { ...detail, approvers: f.approvers } },
    {
      type: 'notify',
      notification: {
        kind: 'approval',
        severity: 'info',
        model: f.model,
        subject: subject(`[Shepherd] ${f.model}: approve model ${f.metric.name}=${f.metric.value}?`),
        message: message(`A new model of ${f.model} passed its quality gate and awaits approval.`, {
          'Model package': modelPackageArn,
          [f.metric.name]: `${f.metric.value} (${versus})`,
          'Training job': f.trainingJobName,
          Trigger: f.trigger,
          Approvers: f.approvers.join(', ') || undefined,
          Approve: `aws sagemaker update-model-package --model-package-arn ${modelPackageArn} --model-approval-status Approved`,
          Reject: `aws sagemaker update-model-package --model-package-arn ${modelPackageArn} --model-approval-status Rejected`,
        }),
      },
    },
    release,
  ];
}
