import type { AutoScalingAdapter } from '../aws/autoscaling';
import type { EventsAdapter } from '../aws/events';
import type { SageMakerAdapter } from '../aws/sagemaker';
import type { SageMakerHostingAdapter } from '../aws/sagemaker-hosting';
import type { SageMakerNeoAdapter } from '../aws/sagemaker-neo';
import type { ModelRegistryAdapter } from '../aws/sagemaker-registry';
import type { NotificationsAdapter } from '../aws/sns';
import type { Action } from '../domain/actions';
import type { StackTarget } from '../domain/cli-command';
import type { StateStore } from '../state/store';
import type { TimelineStore } from '../state/timeline';

export interface Effects {
  sagemaker: SageMakerAdapter;
  hosting: SageMakerHostingAdapter;
  neo: SageMakerNeoAdapter;
  registry: ModelRegistryAdapter;
  autoscaling: AutoScalingAdapter;
  events: EventsAdapter;
  notifications: NotificationsAdapter;
  store: StateStore;
  timeline: TimelineStore;
  /** The stack these effects act on: the CLI commands its notifications print name it. */
  stack: StackTarget;
  /** Performs an action of a retraining (./retraining-effects.ts): no other service decides one. */
  train: (action: TrainingAction) => Promise<void>;
}

/** What only the retraining service decides: its runs, their registration, their data windows. */
export type TrainingAction = Extract<
  Action,
  {
    type:
      | 'createTrainingJob'
      | 'createTuningJob'
      | 'startPipelineExecution'
      | 'createModelPackage'
      | 'releaseRun'
      | 'closeDataWindow';
  }
>;

/**
 * What only the retraining service performs, apart from `perform`, so that a function that never retrains carries
 * none of it. The others decide nothing that asks for it; freeing a run is nothing to them.
 */
export type TrainingHooks = 'train';
export const noTrainingHooks: Pick<Effects, TrainingHooks> = {
  train: async (action) => {
    if (action.type !== 'releaseRun') throw new Error(`${action.type} is the retraining service's to perform`);
  },
};

/** Performs one action. Every action is safe to repeat: names, tokens and timeline ids are deterministic. */
export async function perform(action: Action, fx: Effects): Promise<void> {
  switch (action.type) {
    case 'createTrainingJob':
    case 'createTuningJob':
    case 'startPipelineExecution':
    case 'createModelPackage':
    case 'releaseRun':
    case 'closeDataWindow':
      return fx.train(action);
    case 'publishEvent':
      await fx.events.publish(action.detailType, action.detail);
      return;
    case 'notify':
      await fx.notifications.notify(action.notification);
      return;
    case 'record':
      await fx.timeline.put(action.entry);
      return;
    case 'createModel':
      return fx.hosting.createModel(action.request);
    case 'createEndpointConfig':
      return fx.hosting.createEndpointConfig(action.request);
    case 'createEndpoint':
      return fx.hosting.createEndpoint(action.endpointName, action.configName);
    case 'updateEndpoint':
      return fx.hosting.updateEndpoint(action.endpointName, action.configName, action.keepInstances, action.fromConfig);
    case 'updateWeights':
      return fx.hosting.updateWeights(action.request);
    case 'deleteEndpointConfig':
      return fx.hosting.deleteEndpointConfig(action.name);
    case 'deleteModel':
      return fx.hosting.deleteModel(action.name);
    case 'rejectModelPackage':
      return fx.hosting.rejectModelPackage(action.arn, action.reason);
    case 'decideModelPackage':
      return fx.registry.decideModelPackage(action.arn, action.status, action.description);
    case 'createCompilationJob':
      return fx.neo.createCompilationJob(action.request);
    case 'stopCompilationJob':
      return fx.neo.stopCompilationJob(action.name);
    case 'deregisterScaling':
      return fx.autoscaling.deregister(action.endpointName, action.variant);
    case 'registerScaling':
      return fx.autoscaling.register(action.endpointName, action.variant, action.scaling);
  }
}
