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
  /** Frees a model line once its run's registration is done (a decision of its own, read–decide–write). */
  releaseRun: (model: string, runName: string) => Promise<void>;
  /** Closes the data window a run took (shared/state/data-windows.ts). */
  closeDataWindow: (action: Extract<Action, { type: 'closeDataWindow' }>) => Promise<void>;
  /** Registers a trained model, then performs what its registration calls for (the follow-ups of the run). */
  registerModelPackage: (action: Extract<Action, { type: 'createModelPackage' }>) => Promise<void>;
}

/** What only the retraining service performs: the others decide nothing that asks for them. */
export type TrainingHooks = 'releaseRun' | 'closeDataWindow' | 'registerModelPackage';
export const noTrainingHooks: Pick<Effects, TrainingHooks> = {
  releaseRun: async () => undefined,
  closeDataWindow: async (action) => {
    throw new Error(`closing data window ${action.gen} of ${action.model} is the retraining service's`);
  },
  registerModelPackage: async (action) => {
    throw new Error(`registering a model of ${action.followUp.model} is the retraining service's`);
  },
};

/** Performs one action. Every action is safe to repeat: names, tokens and timeline ids are deterministic. */
export async function perform(action: Action, fx: Effects): Promise<void> {
  switch (action.type) {
    case 'createTrainingJob':
      await fx.sagemaker.createTrainingJob(action.request);
      return;
    case 'createTuningJob':
      await fx.sagemaker.createTuningJob(action.request);
      return;
    case 'startPipelineExecution': {
      const arn = await fx.sagemaker.startPipelineExecution(action.request);
      await fx.store.setExecutionArn(action.model, action.request.PipelineExecutionDisplayName, arn);
      return;
    }
    case 'createModelPackage':
      return fx.registerModelPackage(action);
    case 'publishEvent':
      await fx.events.publish(action.detailType, action.detail);
      return;
    case 'notify':
      await fx.notifications.notify(action.notification);
      return;
    case 'record':
      await fx.timeline.put(action.entry);
      return;
    case 'releaseRun':
      await fx.releaseRun(action.model, action.runName);
      return;
    case 'closeDataWindow':
      return fx.closeDataWindow(action);
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
