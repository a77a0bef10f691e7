// A pipeline execution that succeeded: the pipeline evaluated and registered its model itself.
import type { ModelLine } from '../../config/schema';
import type { StackTarget } from '../cli-command';
import { record } from '../decisions';
import { alert } from '../notify';
import { registrationAnnounced } from './registration';
import { released, type TrainingDecision, type TrainingState } from './state';

/** A package a pipeline execution registered in the line's group. */
export interface RegisteredPackage {
  arn: string;
  approvalStatus: string;
}

/**
 * A pipeline owns its evaluation and registration steps: success ends the run. A package it registered Approved or
 * pending is announced (`Model Registered`) and counted as a job line's registration is; one left pending is offered
 * to the approvers of a manual line, as a job's would be, and left to the pipeline's own choice on an auto line. An
 * execution that registered nothing (its own evaluation held the model back, or its registration step names another
 * group) is said, as a rejection by Shepherd's gate would be. `stack`: the stack deciding, which the approval's
 * commands name.
 */
export function onPipelineSucceeded(
  state: TrainingState,
  line: ModelLine,
  registered: RegisteredPackage | undefined,
  now: Date,
  stack: StackTarget,
): TrainingDecision {
  const run = state.inFlight!;
  const at = now.toISOString();
  const group = line.modelPackageGroup;
  const text = registered
    ? `Pipeline execution ${run.runName} succeeded and registered ${registered.arn} (${registered.approvalStatus})`
    : `Pipeline execution ${run.runName} succeeded but registered no model in ${group}`;
  const succeeded = record(state.model, at, `succeeded-${run.runName}`, 'PipelineSucceeded', text, {
    executionArn: run.executionArn,
    modelPackageArn: registered?.arn,
  });
  const warning = alert(state.model, 'warning', 'pipeline registered no model', `${text}.`, {
    Execution: run.executionArn ?? run.runName,
    'Model package group': group,
    Trigger: run.trigger.reason,
    'Looked for packages created since': run.startedAt,
  });
  const status = registered?.approvalStatus;
  const { approvers, linkTtlHours } = line.approval;
  // Announced and counted as a job line's registration is. A pending package on an auto line is the pipeline's own
  // choice: Shepherd asks nobody about it.
  const announced =
    registered && (status === 'Approved' || status === 'PendingManualApproval')
      ? registrationAnnounced(
          {
            model: state.model,
            modelPackageGroup: group,
            trainingJobName: run.jobName,
            pipelineExecution: run.executionArn ?? run.runName,
            trigger: run.trigger.reason,
            approvalStatus: status,
            approvers,
            linkTtlHours,
            askApprovers: line.approval.mode === 'manual',
            at,
          },
          registered.arn,
          stack,
        )
      : undefined;
  return {
    state: released(state, run),
    actions: registered ? [succeeded, ...(announced ?? [])] : [succeeded, { type: 'notify', notification: warning }],
    metrics: !registered
      ? ['TrainingsSucceeded', 'GateRejected']
      : announced
        ? ['TrainingsSucceeded', 'ModelsRegistered']
        : ['TrainingsSucceeded'],
    log: { message: 'pipeline execution succeeded', data: { runName: run.runName, registered: registered?.arn } },
  };
}
