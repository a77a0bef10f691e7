// One reconciler tick of a monitored endpoint: from what exists now, the requests that make the job definition, the
// schedule and the drift alarm exist as the config says, alerts for a schedule that failed or disappeared, and
// `Monitoring Ensured` once everything is in place for the model last promoted.
import type { MonitoringConfig } from '../../config/monitoring-schema';
import type { Action } from '../actions';
import { nothing, record } from '../decisions';
import { shortHash } from '../names';
import { alert } from '../notify';
import {
  baselineOf,
  baselineStep,
  baseliningJobName,
  type BaseliningObservation,
  type TrainingChannels,
} from './baseline';
import {
  driftAlarmRequest,
  jobDefinitionRequest,
  scheduleName,
  scheduleRequest,
  type JobDefinitionRequest,
} from './requests';
import type { MonitoringDecision, MonitoringObservation, MonitoringState, ScheduleObservation } from './state';

export interface MonitoredLine extends TrainingChannels {
  name: string;
  deployment: { endpointName: string };
  monitoring: MonitoringConfig;
}

/**
 * The job definition this promotion wants: with the configured baseline, or with the one its baselining job wrote
 * once that job completed (undefined until then, or when it failed). `baselining`: that job as looked up.
 */
export function wantedDefinition(
  line: MonitoredLine,
  promotedArn: string,
  baselining: BaseliningObservation | undefined,
): { definition?: JobDefinitionRequest; job: string } {
  const endpoint = line.deployment.endpointName;
  const job = baseliningJobName(endpoint, promotedArn);
  const fromTraining = 'fromTrainingData' in line.monitoring.baseline;
  if (fromTraining && baselining?.status !== 'Completed') return { job };
  return {
    definition: jobDefinitionRequest(line.name, endpoint, line.monitoring, baselineOf(line.monitoring, job)),
    job,
  };
}

/** A request as the refusal memory knows it: the same request refused once is not asked again. */
export const requestKey = (action: Action): string => `${action.type}:${shortHash(JSON.stringify(action), 12)}`;

/** Why the schedule must be replaced, once per failure; undefined when it is healthy or already being replaced. */
function scheduleFailure(schedule: ScheduleObservation): { key: string; why: string } | undefined {
  if (!schedule.exists) return undefined;
  if (schedule.status === 'Failed') {
    const why = `the schedule failed: ${schedule.failureReason ?? 'no reason given'}`;
    return { key: `schedule@${schedule.lastModified ?? ''}`, why };
  }
  const last = schedule.lastExecution;
  if (last?.status === 'Failed') {
    const why = `the execution scheduled at ${last.scheduledAt} failed: ${last.failureReason ?? 'no reason given'}`;
    return { key: `execution@${last.scheduledAt}`, why };
  }
  return undefined;
}

export function convergeMonitoring(
  state: MonitoringState,
  line: MonitoredLine,
  seen: MonitoringObservation,
  now: Date,
): MonitoringDecision {
  if (!seen.promoted) return nothing('no model promoted on the endpoint yet: nothing to monitor');
  const at = now.toISOString();
  const endpoint = line.deployment.endpointName;
  const m = line.monitoring;
  const { definition, job } = wantedDefinition(line, seen.promoted.arn, seen.baselining);
  const metrics = seen.metrics ?? state.metrics;
  const alarm = driftAlarmRequest(endpoint, m, metrics);
  const alarmHash = shortHash(JSON.stringify(alarm), 12);
  const next: MonitoringState = { ...state, ...(metrics ? { metrics } : {}) };
  const actions: Action[] = [];
  const schedule = seen.schedule;
  const facts = { endpoint, schedule: scheduleName(endpoint) };

  if ('fromTrainingData' in m.baseline && !definition) {
    const step = baselineStep(state, line, seen.baselining, job, at);
    actions.push(...step.actions);
    if (step.alerted) next.baselineAlerted = step.alerted;
  }

  if (definition && !seen.jobDefinitionExists && state.jobDefinition !== definition.JobDefinitionName)
    actions.push({ type: 'createDataQualityJobDefinition', request: definition });
  if (definition && seen.jobDefinitionExists) next.jobDefinition = definition.JobDefinitionName;
  const definitionName = definition?.JobDefinitionName ?? state.jobDefinition;
  if (!definitionName) {
    // Nothing to schedule before the first baseline: the alarm exists all the same, so its rule routes it.
    if (!seen.alarmExists || state.alarm !== alarmHash) actions.push({ type: 'putMetricAlarm', request: alarm });
    next.alarm = alarmHash;
    return converging(state, next, actions, facts, false, undefined);
  }

  const wanted = scheduleRequest(line.name, endpoint, m, definitionName);
  const failure = scheduleFailure(schedule);
  let recreated: string | undefined;
  if (!schedule.exists) {
    if (state.scheduleSeen && !state.recreating) recreated = 'the schedule disappeared';
    actions.push({ type: 'createMonitoringSchedule', request: wanted });
    next.scheduleSeen = false;
    next.recreating = false;
  } else if (failure && failure.key !== state.alerted) {
    recreated = failure.why;
    next.alerted = failure.key;
    next.recreating = true;
    actions.push({ type: 'deleteMonitoringSchedule', name: wanted.MonitoringScheduleName });
  } else {
    next.scheduleSeen = true;
    if (schedule.definition !== definitionName && schedule.status !== 'Pending')
      actions.push({ type: 'updateMonitoringSchedule', request: wanted });
  }
  if (recreated) {
    const title = `drift monitoring of ${endpoint} recreated`;
    actions.push(
      record(
        line.name,
        at,
        `monitoring-recreated-${shortHash(`${endpoint}|${recreated}|${at}`, 8)}`,
        'MonitoringRecreated',
        `${title}: ${recreated}`,
        facts,
      ),
      { type: 'notify', notification: alert(line.name, 'warning', title, recreated, facts) },
    );
  }

  if (!seen.alarmExists || state.alarm !== alarmHash) actions.push({ type: 'putMetricAlarm', request: alarm });
  next.alarm = alarmHash;

  const inPlace = actions.length === 0 && schedule.exists && definition !== undefined;
  const ensure = inPlace && state.ensuredFor !== seen.promoted.arn;
  if (ensure) {
    next.ensuredFor = seen.promoted.arn;
    const detail = {
      model: line.name,
      endpointName: endpoint,
      modelPackageArn: seen.promoted.arn,
      jobDefinitionName: definitionName,
      monitoringScheduleName: wanted.MonitoringScheduleName,
      scheduleExpression: m.schedule,
      alarmName: alarm.AlarmName,
      metricNamespace: metrics?.namespace ?? 'not published yet',
    };
    actions.push(
      record(
        line.name,
        at,
        `monitoring-ensured-${shortHash(`${endpoint}|${seen.promoted.arn}`, 8)}`,
        'MonitoringEnsured',
        `drift monitoring of ${endpoint} in place for ${seen.promoted.arn}`,
        detail,
      ),
      { type: 'publishEvent', detailType: 'Monitoring Ensured', detail },
    );
  }
  return converging(state, next, actions, facts, ensure, recreated);
}

function converging(
  state: MonitoringState,
  next: MonitoringState,
  actions: Action[],
  facts: Record<string, string>,
  ensure: boolean,
  recreated: string | undefined,
): MonitoringDecision {
  const refused = new Set(state.refused ?? []);
  if (actions.some((action) => refused.has(requestKey(action))))
    return nothing('monitoring waits for a refused request to be fixed', facts);
  const changed = JSON.stringify(next) !== JSON.stringify(state);
  if (!changed && actions.length === 0) return nothing('monitoring in place', facts);
  return {
    state: next,
    actions,
    metrics: [
      ...(ensure ? (['MonitoringEnsured'] as const) : []),
      ...(recreated ? (['MonitoringRecreated'] as const) : []),
    ],
    log: {
      message: ensure ? 'monitoring ensured' : 'monitoring converging',
      data: { ...facts, requests: actions.map((a) => a.type) },
    },
  };
}
