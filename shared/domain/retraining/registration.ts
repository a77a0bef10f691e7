import type { Action } from '../actions';
import { type RegistrationFollowUp, versusProduction } from './package-request';
import { record } from '../decisions';
import { consoleLink, message, subject } from '../notify';

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
  const versus = versusProduction(metric.name, metric.production, metric.productionPackage);
  const requested = `Approval requested from ${approvers.join(', ') || 'the approvers subscribed to the topic'}`;
  const version = modelPackageArn.split('/').pop();
  const command = (verb: string) => `npx shepherd ${verb} ${model} --version ${version} --reason "…"`;
  const title = subject(`[Shepherd] ${model}: approve model ${metric.name}=${metric.value}?`);
  const summary = `A new model of ${model} passed its quality gate and awaits approval.`;
  const facts = {
    'Model package': modelPackageArn,
    [metric.name]: `${metric.value} (${versus})`,
    'Training job': trainingJobName,
    Trigger: followUp.trigger,
    Approvers: approvers.join(', ') || undefined,
  };
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
        subject: title,
        message: message(summary, { ...facts, Approve: command('approve'), Reject: command('reject') }),
        links: {
          subject: modelPackageArn,
          actions: ['approve', 'reject'],
          approvers,
          ttlHours: followUp.linkTtlHours ?? 24,
        },
        // A channel is not a person: chat gets the facts and how to decide, never a link that decides.
        chat: {
          title,
          description: message(summary, facts),
          nextSteps: [
            `Approve: \`${command('approve')}\``,
            `Reject: \`${command('reject')}\``,
            consoleLink(modelPackageArn),
          ],
          keywords: [model, 'approval'],
          summary: `${model}: model ${version} awaits approval`,
          eventType: 'Approval Requested',
          relatedResources: [modelPackageArn],
        },
      },
    },
    release,
  ];
}
