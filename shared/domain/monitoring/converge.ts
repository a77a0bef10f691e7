// One reconciler tick of a monitored endpoint: from what exists now, the requests that make the job definition, the
// schedule and the drift alarm exist as the config says, alerts for a schedule that failed or disappeared, and
// `Monitoring Ensured` once everything is in place for the model last promoted.
import type { MonitoringConfig } from '../../config/monitoring-schema';
import type { Action } from '../actions';
import { nothing, record } from '../decisions';
import { shortHash } from '../names';
import {
  baselineOf,
  baselineStep,
  baseliningJobName,
  type BaseliningObservation,
  type TrainingChannels,
} from './baseline';
import { monitoringDecision } from './decision';
import { driftAlarmRequest, editedByHand } from './drift-alarm';
import { jobDefinitionRequest, scheduleName, scheduleRequest, type JobDefinitionRequest } from './requests';
import { scheduleStep } from './schedule';
import type { MonitoringDecision, MonitoringObservation, MonitoringState } from './state';

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
  const putAlarm = !seen.alarmExists || state.alarm !== alarmHash || (!!seen.alarm && editedByHand(seen.alarm, alarm));
  const found = seen.metrics ? { metricsFor: { arn: seen.promoted.arn, at } } : {};
  const next: MonitoringState = { ...state, ...(metrics ? { metrics } : {}), ...found };
  const actions: Action[] = [];
  const schedule = seen.schedule;
  const facts = { endpoint, schedule: scheduleName(endpoint) };

  if ('fromTrainingData' in m.baseline && !definition) {
    const step = baselineStep(state, line, seen.baselining, job, at);
    actions.push(...step.actions);
    if (step.alerted) next.baselineAlerted = step.alerted;
  }

  // Seen once is no promise: deleting a schedule by hand (the Python SDK's delete_monitoring_schedule) deletes its
  // job definition too, and a schedule cannot be created on a definition that is gone.
  if (definition && !seen.jobDefinitionExists)
    actions.push({ type: 'createDataQualityJobDefinition', request: definition });
  if (definition && seen.jobDefinitionExists) next.jobDefinition = definition.JobDefinitionName;
  const definitionName = definition?.JobDefinitionName ?? state.jobDefinition;
  if (!definitionName) {
    // Nothing to schedule before the first baseline: the alarm exists all the same, so its rule routes it.
    if (putAlarm) actions.push({ type: 'putMetricAlarm', request: alarm });
    next.alarm = alarmHash;
    return monitoringDecision(state, next, actions, facts, false, undefined);
  }

  const wanted = scheduleRequest(line.name, endpoint, m, definitionName);
  const scheduling = scheduleStep(state, line.name, schedule, wanted, definitionName, at, facts);
  actions.push(...scheduling.actions);
  Object.assign(next, scheduling.state);
  const recreated = scheduling.recreated;

  if (putAlarm) actions.push({ type: 'putMetricAlarm', request: alarm });
  next.alarm = alarmHash;

  // A stopped schedule exists but watches nothing: not in place until it runs again.
  const inPlace =
    actions.length === 0 && schedule.exists && schedule.status !== 'Stopped' && !next.recreating && !!definition;
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
  return monitoringDecision(state, next, actions, facts, ensure, recreated);
}
