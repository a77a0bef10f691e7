// Drift monitoring of each monitored line's endpoint, converged by the reconciler on the same read–decide–write–
// perform path as deployments: what exists is looked up, the pure domain says what to ask for.
import type { DriftAlarmAdapter } from '../aws/cloudwatch-drift';
import type { EventsAdapter } from '../aws/events';
import type { SageMakerMonitoringAdapter } from '../aws/sagemaker-monitoring';
import type { NotificationsAdapter } from '../aws/sns';
import { monitoredAlarmName } from '../domain/monitoring/alarm-name';
import type { Action } from '../domain/actions';
import { nothing } from '../domain/decisions';
import { emptyDeploymentState, lastPromotion, type DeploymentState } from '../domain/deployment/state';
import { baseliningJobName, type BaseliningObservation } from '../domain/monitoring/baseline';
import { convergeMonitoring, wantedDefinition, type MonitoredLine } from '../domain/monitoring/converge';
import { onMonitoringRefused } from '../domain/monitoring/decision';
import { driftMetricsOf } from '../domain/monitoring/drift-alarm';
import { scheduleName } from '../domain/monitoring/requests';
import { emptyMonitoringState, lookDue, wantsMetrics, type MonitoringState } from '../domain/monitoring/state';
import type { StateStore } from '../state/store';
import type { TimelineStore } from '../state/timeline';
import { deploymentKey, type Key } from '../state/keys';
import { DEPLOYMENT_ITEM } from '../state/kinds/deployment';
import { MONITORING_ITEM } from '../state/kinds/monitoring';
import { Decider, type DeciderDeps } from './decider';
import type { Recovery } from './errors';

export interface MonitoringDeps extends DeciderDeps {
  monitor: SageMakerMonitoringAdapter;
  alarms: DriftAlarmAdapter;
  events: EventsAdapter;
  notifications: NotificationsAdapter;
  store: StateStore;
  timeline: TimelineStore;
}

export const monitoringKey = (endpoint: string): Key => ({ pk: `ENDPOINT#${endpoint}`, sk: 'MONITORING' });

const MOVED_ON = 'monitoring moved on while it was looked up';

/** A request refused for good is said once and not asked again until the config changes it (the domain decides). */
const recovery = (line: MonitoredLine): Recovery<MonitoringState> => ({
  empty: emptyMonitoringState(line.deployment.endpointName),
  kind: MONITORING_ITEM,
  onPermanent: (state, action, error, now) =>
    onMonitoringRefused(state, { model: line.name, endpoint: line.deployment.endpointName }, action, error, now),
});

export class MonitoringService {
  private readonly decider: Decider;

  constructor(private readonly deps: MonitoringDeps) {
    // Each step builds on what the one before made (a job definition, then the schedule that names it).
    this.decider = new Decider(deps, (action) => this.perform(action), 'item');
  }

  private async perform(action: Action): Promise<void> {
    const { monitor, alarms, events, notifications, timeline } = this.deps;
    switch (action.type) {
      case 'createDataQualityJobDefinition':
        return monitor.createJobDefinition(action.request);
      case 'createMonitoringSchedule':
        return monitor.createSchedule(action.request);
      case 'updateMonitoringSchedule':
        return monitor.updateSchedule(action.request);
      case 'deleteMonitoringSchedule':
        return monitor.deleteSchedule(action.name);
      case 'putMetricAlarm':
        return alarms.put(action.request);
      case 'createProcessingJob':
        return monitor.createProcessingJob(action.request);
      case 'publishEvent':
        return events.publish(action.detailType, action.detail);
      case 'notify':
        await notifications.notify(action.notification);
        return;
      case 'record':
        return timeline.put(action.entry);
      default:
        throw new Error(`monitoring does not perform ${action.type}`);
    }
  }

  /** One tick: once the endpoint serves a promoted model, make its monitoring exist as the config says. */
  async reconcile(line: MonitoredLine): Promise<string> {
    const endpoint = line.deployment.endpointName;
    const { store, monitor, alarms } = this.deps;
    const deployment = await store.get<DeploymentState>(
      deploymentKey(endpoint),
      emptyDeploymentState(endpoint),
      DEPLOYMENT_ITEM,
    );
    const last = lastPromotion(deployment.state);
    if (!last) return 'no model promoted on the endpoint yet';
    const key = monitoringKey(endpoint);
    const rec = recovery(line);
    const { state, outbox } = await store.get(key, rec.empty, rec.kind);
    if (!lookDue(state, last.modelPackageArn, outbox.length, this.deps.clock())) return 'monitoring looked at recently';
    await this.decider.finishLeftovers(key, outbox, rec);
    const fromTraining = 'fromTrainingData' in line.monitoring.baseline;
    const job = baseliningJobName(endpoint, last.modelPackageArn);
    // A definition seen on this promotion's baseline says the job wrote it: the job is not looked up again, so one
    // deleted by hand (its name free for a new job) is not run a second time over newer data.
    const written: BaseliningObservation = { status: 'Completed' };
    const baselineTaken =
      state.jobDefinition === wantedDefinition(line, last.modelPackageArn, written).definition?.JobDefinitionName;
    const baselining = fromTraining ? (baselineTaken ? written : await monitor.processingJob(job)) : undefined;
    const name = wantedDefinition(line, last.modelPackageArn, baselining).definition?.JobDefinitionName;
    const schedule = await monitor.describeSchedule(scheduleName(endpoint));
    const alarm = await alarms.find(monitoredAlarmName(endpoint));
    const seen = {
      promoted: { arn: last.modelPackageArn, at: last.at },
      ...(baselining ? { baselining: { status: baselining.status, failureReason: baselining.failureReason } } : {}),
      // The definition seen before is not looked up again while the schedule names it: it cannot be deleted then.
      jobDefinitionExists:
        name !== undefined &&
        ((state.jobDefinition === name && schedule.definition === name) || (await monitor.jobDefinitionExists(name))),
      schedule,
      alarmExists: !!alarm,
      ...(alarm ? { alarm } : {}),
      ...(wantsMetrics(state, schedule, { arn: last.modelPackageArn, at: last.at })
        ? {
            metrics: driftMetricsOf(
              scheduleName(endpoint),
              await alarms.metricsOfEndpoint(endpoint),
              line.monitoring.alarm.features,
            ),
          }
        : {}),
    };
    const decision = await this.decider.apply(
      key,
      rec.empty,
      rec.kind,
      (s, now) => (s.version === state.version ? convergeMonitoring(s, line, seen, now) : nothing(MOVED_ON)),
      { model: line.name, endpoint },
      { onPermanent: rec.onPermanent },
    );
    return decision.log.message;
  }
}
