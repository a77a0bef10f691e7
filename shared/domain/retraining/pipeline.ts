// A pipeline execution that succeeded: the pipeline evaluated and registered its model itself.
import type { ModelLine } from '../../config/schema';
import type { Action } from '../actions';
import type { StackTarget } from '../cli-command';
import { type MetricName, record } from '../decisions';
import { alert } from '../notify';
import { registrationAnnounced } from './registration';
import type { TrainingDecision } from './decision';
import { type InFlight, released, type TrainingState } from './state';

/** A package a pipeline execution registered in the line's group. */
export interface RegisteredPackage {
  arn: string;
  approvalStatus: string;
}

interface Said {
  actions: Action[];
  metrics: MetricName[];
}

/**
 * A pipeline owns its evaluation and registration steps: success ends the run. Each package it registered (an
 * execution may have several RegisterModel steps) is said by its status: Approved or pending, announced (`Model
 * Registered`) and counted as a job line's registration is, one left pending offered to the approvers of a manual line,
 * as a job's would be, and left to the pipeline's own choice on an auto line; Rejected (its own evaluation turned the
 * model down), said as a rejection by Shepherd's gate would be. An execution that registered nothing (its evaluation
 * held the model back, or its registration step names another group) is said as a rejection too. `registered`: in
 * the order the execution registered them. `stack`: the stack deciding, which the approval's commands name.
 */
export function onPipelineSucceeded(
  state: TrainingState,
  line: ModelLine,
  registered: RegisteredPackage[],
  now: Date,
  stack: StackTarget,
): TrainingDecision {
  const run = state.inFlight!;
  const at = now.toISOString();
  const group = line.modelPackageGroup;
  const arns = registered.map((pkg) => pkg.arn);
  const text = registered.length
    ? `Pipeline execution ${run.runName} succeeded and registered ` +
      registered.map((pkg) => `${pkg.arn} (${pkg.approvalStatus})`).join(', ')
    : `Pipeline execution ${run.runName} succeeded but registered no model in ${group}`;
  const succeeded = record(state.model, at, `succeeded-${run.runName}`, 'PipelineSucceeded', text, {
    executionArn: run.executionArn,
    modelPackageArn: arns[0],
    ...(arns.length > 1 ? { modelPackageArns: arns } : {}),
  });
  const execution = run.executionArn ?? run.runName;
  // The first package's timeline entries keep the run's name alone; a second one's add its version.
  const said: Said[] = registered.length
    ? registered.map((pkg, i) =>
        packageSaid(state.model, line, run, pkg, i === 0 ? run.jobName : keyOf(run, pkg), at, stack),
      )
    : [
        rejectionSaid(state.model, run, run.jobName, at, {
          reason: `pipeline execution ${execution} succeeded but registered no model in ${group}`,
          subject: 'pipeline registered no model',
          headline: `${text}.`,
          fields: {
            Execution: execution,
            'Model package group': group,
            Trigger: run.trigger.reason,
            'Looked for packages created since': run.startedAt,
          },
        }),
      ];
  return {
    state: released(state, run),
    actions: [succeeded, ...said.flatMap((one) => one.actions)],
    metrics: ['TrainingsSucceeded', ...said.flatMap((one) => one.metrics)],
    log: { message: 'pipeline execution succeeded', data: { runName: run.runName, registered: arns } },
  };
}

const keyOf = (run: InFlight, pkg: RegisteredPackage): string => `${run.jobName}-v${pkg.arn.split('/').pop()}`;

/** What one package the execution registered calls for, by its approval status. */
function packageSaid(
  model: string,
  line: ModelLine,
  run: InFlight,
  registered: RegisteredPackage,
  key: string,
  at: string,
  stack: StackTarget,
): Said {
  const status = registered.approvalStatus;
  const execution = run.executionArn ?? run.runName;
  if (status === 'Rejected') {
    const reason = `pipeline execution ${execution} registered ${registered.arn} as Rejected`;
    return rejectionSaid(model, run, key, at, {
      reason,
      subject: 'pipeline registered a rejected model',
      headline: `The pipeline's own evaluation turned the model down: ${reason}.`,
      fields: { 'Model package': registered.arn, Execution: execution, Trigger: run.trigger.reason },
      modelPackageArn: registered.arn,
    });
  }
  if (status !== 'Approved' && status !== 'PendingManualApproval') return { actions: [], metrics: [] };
  // Announced and counted as a job line's registration is. A pending package on an auto line is the pipeline's own
  // choice: Shepherd asks nobody about it.
  const { approvers, linkTtlHours } = line.approval;
  const registration = {
    model,
    modelPackageGroup: line.modelPackageGroup,
    trainingJobName: run.jobName,
    pipelineExecution: execution,
    trigger: run.trigger.reason,
    approvalStatus: status,
    approvers,
    linkTtlHours,
    askApprovers: line.approval.mode === 'manual',
    at,
    key,
  } as const;
  return { actions: registrationAnnounced(registration, registered.arn, stack), metrics: ['ModelsRegistered'] };
}

/** A model the pipeline did not hand over, said as a rejection by Shepherd's gate would be. */
interface Rejection {
  reason: string;
  /** The alert's, after the line's name. */
  subject: string;
  headline: string;
  fields: Record<string, string>;
  modelPackageArn?: string;
}

function rejectionSaid(model: string, run: InFlight, key: string, at: string, rejection: Rejection): Said {
  const { reason, subject, headline, fields, modelPackageArn } = rejection;
  const detail = {
    model,
    trainingJobName: run.jobName,
    pipelineExecution: run.executionArn ?? run.runName,
    ...(modelPackageArn ? { modelPackageArn } : {}),
    reasons: [reason],
  };
  return {
    actions: [
      record(model, at, `rejected-${key}`, 'TrainingRejected', `${run.jobName} rejected: ${reason}`, detail),
      { type: 'publishEvent', detailType: 'Training Rejected', detail },
      { type: 'notify', notification: alert(model, 'warning', subject, headline, fields) },
    ],
    metrics: ['GateRejected'],
  };
}
