// What every decision of the domain is made of, written one way for retraining, deployments and edge builds:
// a decision, "nothing to do", and a timeline entry.
import type { Action } from './actions';

export type MetricName =
  | 'RetrainingsStarted'
  | 'TrainingsSucceeded'
  | 'TrainingsFailed'
  | 'TrainingsRetried'
  | 'GateRejected'
  | 'ModelsRegistered'
  | 'TriggersCoalesced'
  | 'TriggersRefused'
  | 'DuplicatesIgnored'
  | 'LateObjectsIgnored'
  | 'EventsIgnored'
  | 'DataObjectsCounted'
  | 'DeploymentsStarted'
  | 'CanaryStepsPassed'
  | 'DeploymentsPromoted'
  | 'DeploymentsRolledBack'
  | 'DeploymentsFailed'
  | 'ApprovalsQueued'
  | 'AbortAlarmsActedOn'
  | 'RejectionsActedOn'
  | 'RejectedModelsServing'
  | 'EdgeBuildsStarted'
  | 'EdgeBuildsSucceeded'
  | 'EdgeBuildsFailed'
  | 'MonitoringEnsured'
  | 'MonitoringRecreated'
  | 'DriftDetected';

type Data = Record<string, unknown>;

/** A decision: the next state (undefined = nothing changed), what to do, what to count, and one log line. */
export interface Decision<S> {
  state?: S;
  actions: Action[];
  metrics: MetricName[];
  log: { message: string; data?: Data };
}

/**
 * No change and nothing to do; the log line says why. It carries no state, so it is a decision about any state:
 * `Decision<never>` is assignable to every `Decision<S>`.
 */
export const nothing = (message: string, data?: Data): Decision<never> => ({
  actions: [],
  metrics: [],
  log: { message, ...(data ? { data } : {}) },
});

/** Nothing to do about an input that is not acted on (a duplicate, an event that is not Shepherd's), counted. */
export const ignored = (metric: MetricName, message: string, data?: Data): Decision<never> => ({
  ...nothing(message, data),
  metrics: [metric],
});

/** Writes a timeline entry. `id` is deterministic per fact, so recording the same fact twice writes one item. */
export const record = (model: string, at: string, id: string, type: string, message: string, data?: Data): Action => ({
  type: 'record',
  entry: { model, at, id, type, message, ...(data ? { data } : {}) },
});
