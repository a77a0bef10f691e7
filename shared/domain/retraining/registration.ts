import type { Action } from '../actions';
import { shepherdCommand, type StackTarget } from '../cli-command';
import { type RegistrationFollowUp, versusProduction } from './package-request';
import { record } from '../decisions';
import { consoleLink, message, subject } from '../notify';

/** A package registered in a line's group, to announce: by Shepherd after its gate, or by the line's pipeline. */
export interface Registration extends Omit<RegistrationFollowUp, 'runName' | 'metric'> {
  /**
   * The pipeline execution that registered it (its ARN, or its display name when Shepherd never learnt the ARN);
   * `trainingJobName` is then the execution's display name, as in its run's Retraining Started.
   */
  pipelineExecution?: string;
  /** The gate's metric: Shepherd knows none of a model a pipeline evaluated itself. */
  metric?: RegistrationFollowUp['metric'];
  /**
   * False: a pending package is announced but nobody is asked about it (a pipeline's own choice on an auto line,
   * left to whoever its owners decide with).
   */
  askApprovers?: boolean;
  /** What its timeline entries' ids are made of: `trainingJobName` unless said (a run that registered several). */
  key?: string;
}

/**
 * What follows a registration once its ARN is known: its announcement, then the run released. `stack`: the stack
 * that registered it, which the approval's commands name.
 */
export function registrationFollowUps(
  followUp: RegistrationFollowUp,
  modelPackageArn: string,
  stack: StackTarget,
): Action[] {
  return [
    ...registrationAnnounced(followUp, modelPackageArn, stack),
    { type: 'releaseRun', model: followUp.model, runName: followUp.runName },
  ];
}

/** The domain events, the timeline and, for a package pending approval, the approvers' request. */
export function registrationAnnounced(
  registration: Registration,
  modelPackageArn: string,
  stack: StackTarget,
): Action[] {
  const { model, at, trainingJobName, approvers, metric, pipelineExecution } = registration;
  const detail = {
    model,
    modelPackageArn,
    modelPackageGroup: registration.modelPackageGroup,
    trainingJobName,
    ...(pipelineExecution ? { pipelineExecution } : {}),
    trigger: registration.trigger,
    approvalStatus: registration.approvalStatus,
    ...(metric ? { metric } : {}),
  };
  const registered: Action[] = [
    record(
      model,
      at,
      `registered-${registration.key ?? trainingJobName}`,
      'ModelRegistered',
      `Registered ${modelPackageArn} (${registration.approvalStatus})`,
      detail,
    ),
    { type: 'publishEvent', detailType: 'Model Registered', detail },
  ];
  if (registration.approvalStatus === 'Approved' || registration.askApprovers === false) return registered;
  const requested = `Approval requested from ${approvers.join(', ') || 'the approvers subscribed to the topic'}`;
  const version = modelPackageArn.split('/').pop();
  const command = (verb: string) => shepherdCommand(stack, `${verb} ${model} --version ${version} --reason "…"`);
  const title = subject(`[Shepherd] ${model}: approve model ${metric ? `${metric.name}=${metric.value}` : version}?`);
  const summary = metric
    ? `A new model of ${model} passed its quality gate and awaits approval.`
    : `A new model of ${model}, evaluated and registered by its pipeline, awaits approval.`;
  const facts = {
    'Model package': modelPackageArn,
    ...(metric ? { [metric.name]: `${metric.value} (${versusOf(metric)})` } : {}),
    ...(pipelineExecution ? { 'Pipeline execution': pipelineExecution } : { 'Training job': trainingJobName }),
    Trigger: registration.trigger,
    Approvers: approvers.join(', ') || undefined,
  };
  return [
    ...registered,
    record(model, at, `approval-${registration.key ?? trainingJobName}`, 'ApprovalRequested', requested, {
      modelPackageArn,
    }),
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
          ttlHours: registration.linkTtlHours ?? 24,
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
  ];
}

const versusOf = (metric: NonNullable<Registration['metric']>): string =>
  versusProduction(metric.name, metric.production, metric.productionPackage);
