import type { ModelLine } from '../../config/schema';
import { record } from '../decisions';
import { alert } from '../notify';
import { evaluateGate, qualityGateOf } from './gate';
import type { CompletedTraining, ProductionModel } from './observations';
import { modelPackageRequest } from './package-request';
import type { TrainingDecision } from './decision';
import { released, type TrainingState } from './state';

/** Completed: the quality gate decides between registration and rejection. */
export function onCompleted(
  state: TrainingState,
  line: ModelLine,
  completed: CompletedTraining,
  production: ProductionModel | undefined,
  now: Date,
): TrainingDecision {
  const run = state.inFlight!;
  const at = now.toISOString();
  const { jobName } = completed;
  const rule = qualityGateOf(line);
  const gate = evaluateGate(rule, completed.metrics, production?.metric);
  const evidence = {
    metric: gate.metric,
    value: gate.value,
    production: gate.production,
    floor: rule.floor,
    margin: rule.margin,
    direction: rule.direction,
  };
  if (!gate.passed) {
    const reasons = gate.reasons.join('; ');
    const detail = {
      model: line.name,
      trainingJobName: jobName,
      reasons: gate.reasons,
      ...evidence,
      productionModelPackageArn: production?.modelPackageArn,
    };
    return {
      state: released(state, run),
      actions: [
        record(
          line.name,
          at,
          `rejected-${jobName}`,
          'TrainingRejected',
          `${jobName} rejected by the quality gate: ${reasons}`,
          detail,
        ),
        { type: 'publishEvent', detailType: 'Training Rejected', detail },
        {
          type: 'notify',
          notification: alert(
            line.name,
            'warning',
            'model rejected by the quality gate',
            `Training ${jobName} finished but its model was not registered.`,
            {
              Reasons: reasons,
              Metric: `${gate.metric} = ${completed.metrics[gate.metric] ?? 'missing'} (${rule.direction})`,
              Floor: rule.floor,
              Production: production
                ? `${gate.production ?? 'no comparable metric'} (${production.modelPackageArn})`
                : 'none',
              Margin: rule.margin,
            },
          ),
        },
      ],
      metrics: ['TrainingsSucceeded', 'GateRejected'],
      log: { message: 'training rejected by the quality gate', data: { jobName, gate } },
    };
  }
  const approval = line.approval.mode === 'auto' && gate.beatProduction ? 'Approved' : 'PendingManualApproval';
  const passed = `${jobName} passed the quality gate: ${gate.metric}=${gate.value}`;
  return {
    // The lock is held until the package exists, so the next run's gate compares against this model.
    state: { ...state, inFlight: { ...run, phase: 'registering', lastHeardAt: at } },
    actions: [
      record(line.name, at, `passed-${jobName}`, 'GatePassed', passed, evidence),
      {
        type: 'createModelPackage',
        request: modelPackageRequest(line, run, completed, gate, approval, production?.modelPackageArn),
        followUp: {
          model: line.name,
          runName: run.runName,
          modelPackageGroup: line.modelPackageGroup,
          trainingJobName: jobName,
          trigger: run.trigger.reason,
          approvalStatus: approval,
          metric: {
            name: gate.metric,
            value: gate.value!,
            ...(gate.production !== undefined ? { production: gate.production } : {}),
            ...(production ? { productionPackage: production.modelPackageArn } : {}),
          },
          approvers: line.approval.approvers,
          linkTtlHours: line.approval.linkTtlHours,
          at,
        },
      },
    ],
    metrics: ['TrainingsSucceeded', 'ModelsRegistered'],
    log: { message: 'training passed the quality gate', data: { jobName, approval, gate } },
  };
}
