// What the domain asks the world to do. Adapters perform these; the domain never touches an SDK.
import type { LinkRequest } from './approval/link-request';
import type { ChatMessage } from './chat';
import type { CompilationJobRequest } from './edge/requests';
import type { EndpointConfigRequest, ModelRequest, WeightsRequest } from './deployment/requests';
import type { VariantScaling } from './deployment/state';
import type { AlarmRequest } from './monitoring/drift-alarm';
import type { BaseliningRequest, JobDefinitionRequest, ScheduleRequest } from './monitoring/requests';
import type { ModelPackageRequest, RegistrationFollowUp } from './retraining/package-request';
import type { PipelineExecutionRequest, TrainingJobRequest, TuningJobRequest } from './retraining/requests';
import type { InferInput } from 'valibot';
import type { DomainEventType, PUBLISHED_EVENTS } from '../events/published';

/**
 * What an event of this type carries: at least what its contract (shared/events/published.ts) promises consumers,
 * checked when the domain builds it; more fields may ride along.
 */
export type DomainEventDetail<T extends DomainEventType> = InferInput<(typeof PUBLISHED_EVENTS)[T]>['detail'];

/** A domain event to put on Shepherd's bus, its detail the one its type promises. */
export type PublishEvent = {
  [T in DomainEventType]: { type: 'publishEvent'; detailType: T; detail: DomainEventDetail<T> };
}[DomainEventType];

export type Severity = 'info' | 'warning' | 'critical';

export interface Notification {
  kind: 'approval' | 'alert' | 'report';
  severity: Severity;
  model: string;
  subject: string;
  message: string;
  /** Signed approval links: one message per approver, with the attribute `approver=<address>`. */
  links?: LinkRequest;
  /** The chat channels' card; without one, chat gets the subject and message as they are. */
  chat?: ChatMessage;
}

export interface TimelineEntry {
  model: string;
  at: string;
  /** Deterministic per fact, so recording the same fact twice writes one item. */
  id: string;
  type: string;
  message: string;
  data?: Record<string, unknown>;
}

export type Action =
  | { type: 'createTrainingJob'; request: TrainingJobRequest }
  | { type: 'createTuningJob'; request: TuningJobRequest }
  | { type: 'startPipelineExecution'; model: string; request: PipelineExecutionRequest }
  | { type: 'createModelPackage'; request: ModelPackageRequest; followUp: RegistrationFollowUp }
  | PublishEvent
  | { type: 'notify'; notification: Notification }
  | { type: 'record'; entry: TimelineEntry }
  /** The run's outcome is recorded: free the line for the next run (a conditional state change). */
  | { type: 'releaseRun'; model: string; runName: string }
  /** A run took the data window `gen`: its counters are closed; `counted` is what the decision read of them. */
  | {
      type: 'closeDataWindow';
      model: string;
      runName: string;
      gen: number;
      sources: string[];
      counted: { objects: number; bytes: number };
    }
  | { type: 'createModel'; request: ModelRequest }
  | { type: 'createEndpointConfig'; request: EndpointConfigRequest }
  | { type: 'createEndpoint'; endpointName: string; configName: string }
  /**
   * `keepInstances`: the variants the endpoint keeps stay on the instances they run now (their autoscaling's doing),
   * not the config's InitialInstanceCount; their weights come from the config. `fromConfig`: the config the decision
   * saw the endpoint on, which it must still serve to be updated (absent in requests written before it was kept).
   */
  | { type: 'updateEndpoint'; endpointName: string; configName: string; keepInstances?: true; fromConfig?: string }
  | { type: 'updateWeights'; request: WeightsRequest }
  | { type: 'deleteEndpointConfig'; name: string }
  | { type: 'deleteModel'; name: string }
  /** A rolled-back model is rejected, with why, so it is neither redeployed nor taken as production. */
  | { type: 'rejectModelPackage'; arn: string; reason: string }
  /** A human approved or rejected a package (the CLI, an approval link); `description` says who and why. */
  | { type: 'decideModelPackage'; arn: string; status: 'Approved' | 'Rejected'; description: string }
  | { type: 'createCompilationJob'; request: CompilationJobRequest }
  /** A withdrawn build's job: its artifact would be announced to no one (./edge/withdrawn.ts). */
  | { type: 'stopCompilationJob'; name: string }
  | { type: 'deregisterScaling'; endpointName: string; variant: string }
  | { type: 'registerScaling'; endpointName: string; variant: string; scaling: VariantScaling }
  | { type: 'createDataQualityJobDefinition'; request: JobDefinitionRequest }
  | { type: 'createMonitoringSchedule'; request: ScheduleRequest }
  | { type: 'updateMonitoringSchedule'; request: ScheduleRequest }
  | { type: 'deleteMonitoringSchedule'; name: string }
  | { type: 'putMetricAlarm'; request: AlarmRequest }
  /** A baselining job: the built-in analyzer suggesting a baseline from training data. */
  | { type: 'createProcessingJob'; request: BaseliningRequest };
