import type { ModelLine } from '../config/schema';
import type { Decision } from '../domain/actions';
import { classify, isStalled, onCompleted, onEnded, onMissing, onPipelineSucceeded, onProgress, onRegistered, type TrainingObservation } from '../domain/retraining/outcomes';
import { onTick } from '../domain/retraining/triggers';
import { emptyTrainingState, type TrainingState } from '../domain/retraining/state';
import { trainingKey } from '../state/store';
import { Decider, type DeciderDeps } from './decider';
import { perform, type Effects } from './effects';

export interface Deps extends Omit<Effects, 'releaseRun'>, DeciderDeps {}

type Decide = (state: TrainingState, now: Date) => Decision<TrainingState>;

const TERMINAL_FAILURE = new Set(['Failed', 'Stopped']);
const RUNNING = new Set(['InProgress', 'Stopping', 'Executing']);

/** The retraining loop of each model line, on the one read–decide–write–perform path. */
export class RetrainingService {
  private readonly decider: Decider;

  constructor(private readonly deps: Deps) {
    const fx: Effects = {
      ...deps,
      releaseRun: async (model, runName) => void (await this.decider.apply(trainingKey(model), emptyTrainingState(model), (s) => onRegistered(s, runName), { model }, { finishLeftovers: false })),
    };
    this.decider = new Decider(deps, (action) => perform(action, fx));
  }

  apply(model: string, decide: Decide): Promise<Decision<TrainingState>> {
    return this.decider.apply(trainingKey(model), emptyTrainingState(model), decide, { model });
  }

  /** A training job's or pipeline's status, from its event or from the reconciler's look-up. */
  async observe(line: ModelLine, o: TrainingObservation): Promise<Decision<TrainingState>> {
    const { state } = await this.deps.store.getTraining(line.name);
    const kind = classify(state, o.name);
    if (kind !== 'current') return this.apply(line.name, () => (kind === 'stale' ? stale(o) : unknown(o)));
    if (o.status === 'Completed') {
      const t = await this.deps.sagemaker.describeTrainingJob(o.name);
      if (!t || t.status !== 'Completed') throw new Error(`training job ${o.name} was reported Completed but DescribeTrainingJob says ${t?.status ?? 'not found'}`);
      const production = await this.deps.sagemaker.productionModel(line.modelPackageGroup, line.qualityGate.metric);
      return this.apply(line.name, (s, now) => (classify(s, o.name) === 'current' ? onCompleted(s, line, { ...t, jobName: o.name }, production, now) : stale(o)));
    }
    return this.apply(line.name, (s, now) => {
      if (classify(s, o.name) !== 'current') return stale(o);
      if (o.status === 'Succeeded') return onPipelineSucceeded(s, now);
      if (TERMINAL_FAILURE.has(o.status)) return onEnded(s, line, o, now);
      if (RUNNING.has(o.status)) return onProgress(s, o, now);
      return { actions: [], metrics: ['EventsIgnored'], log: { message: `status ${o.status} needs no action`, data: { name: o.name } } };
    });
  }

  /**
   * One reconciler pass over a model line: finish stale outbox work, look up a run that went quiet, start
   * what is due (a coalesced retraining, a data window past its quiet period).
   */
  async reconcile(line: ModelLine): Promise<void> {
    await this.decider.finishLeftovers(trainingKey(line.name), (await this.deps.store.getTraining(line.name)).outbox);
    // A start still waiting in the outbox is not a lost one: look SageMaker up only once Shepherd's own requests are done.
    const { state, outbox } = await this.deps.store.getTraining(line.name);
    const f = state.inFlight;
    if (f && outbox.length === 0 && isStalled(state, line, this.deps.clock())) {
      const seen = f.kind === 'job' ? await this.deps.sagemaker.describeTrainingJob(f.jobName) : f.executionArn ? await this.deps.sagemaker.describePipelineExecution(f.executionArn) : undefined;
      if (seen) await this.observe(line, { ...seen, name: f.jobName });
      else await this.apply(line.name, (s, now) => (s.inFlight?.jobName === f.jobName ? onMissing(s, line, now) : stale({ name: f.jobName, status: 'missing' })));
    }
    await this.apply(line.name, (s, now) => onTick(s, line, now));
  }

}

const unknown = (o: TrainingObservation): Decision<TrainingState> => ({
  actions: [],
  metrics: ['EventsIgnored'],
  log: { message: 'training not started by Shepherd or not in flight: ignored', data: { name: o.name, status: o.status } },
});

const stale = (o: TrainingObservation): Decision<TrainingState> => ({
  actions: [],
  metrics: ['DuplicatesIgnored'],
  log: { message: 'duplicate or late training event ignored', data: { name: o.name, status: o.status } },
});
