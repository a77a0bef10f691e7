import type { DataTrigger } from '../config/model-line-schema';
import type { ModelLine } from '../config/schema';
import { ignored } from '../domain/decisions';
import { onCompleted } from '../domain/retraining/completed';
import { onEnded } from '../domain/retraining/ended';
import { onRunRefused } from '../domain/retraining/failure';
import { classify, isStalled, onMissing, onProgress, onRegistered, startPending } from '../domain/retraining/outcomes';
import type { TrainingObservation } from '../domain/retraining/observations';
import { qualityGateOf } from '../domain/retraining/gate';
import { onPipelineSucceeded } from '../domain/retraining/pipeline';
import { watchTraining } from '../domain/retraining/stuck';
import { onTick } from '../domain/retraining/triggers';
import type { TrainingDecision } from '../domain/retraining/decision';
import { emptyTrainingState, type TrainingState } from '../domain/retraining/state';
import {
  mayBeCountedBefore,
  objectCounted,
  objectFingerprint,
  objectRepeated,
  sourceKey,
  withCounted,
  type ArrivedObject,
} from '../domain/retraining/window';
import { trainingKey } from '../state/keys';
import { resourceGone, type EventSeen, type Gone } from '../domain/gone';
import type { DataWindows } from '../state/data-windows';
import { Decider, report, type DeciderDeps, type OnPermanent } from './decider';
import { perform, type Effects, type TrainingHooks } from './effects';
import type { Performs } from './grants';
import { retrainingEffects } from './retraining-effects';
import { completedRun, describeRun, pipelineRegistered, withFailureReason } from './retraining-lookups';

export interface Deps extends Omit<Effects, TrainingHooks>, DeciderDeps {
  windows: DataWindows;
}

type Decide = (state: TrainingState, now: Date) => TrainingDecision;

// Each move is a run started between reading the state and counting: more than a few in a row is no race.
const MAX_WINDOW_MOVES = 5;
const TERMINAL_FAILURE = new Set(['Failed', 'Stopped']);
const RUNNING = new Set(['InProgress', 'Stopping', 'Executing']);

// A run's start or registration refused for good ends the run (shared/domain/retraining/failure.ts).
const onPermanent: OnPermanent<TrainingState> = (state, action, error, now) =>
  onRunRefused(state, action, `${error.name}: ${error.message}`, now);
const recovery = (model: string) => ({ empty: emptyTrainingState(model), onPermanent });

/** The retraining loop of each model line, on the one read–decide–write–perform path. */
export class RetrainingService {
  private readonly decider: Decider;
  private readonly fx: Effects;

  constructor(private readonly deps: Deps) {
    const release = (state: TrainingState, runName: string) => onRegistered(state, runName);
    this.fx = retrainingEffects(deps, async (model, runName) => {
      await this.decide(model, (s) => release(s, runName), { finishLeftovers: false, onPermanent });
    });
    this.decider = new Decider(deps, (action) => perform(action, this.fx));
  }

  /**
   * `recover: false` (a person's request, made with their credentials): a refused start is thrown to them and left
   * in the outbox, where the reconciler makes it with the function's role, instead of ending the run. `performs`:
   * the leftover actions the calling function's role is granted (./grants.ts); the reconciler's, all of them.
   */
  apply(model: string, decide: Decide, recover = true, performs?: Performs): Promise<TrainingDecision> {
    return this.decide(model, decide, { ...(recover ? { onPermanent } : {}), ...(performs ? { performs } : {}) });
  }

  /** Every decision on a line sees its open data window as the window's counters have it now. */
  private async decide(
    model: string,
    decide: Decide,
    opts: { finishLeftovers?: boolean; onPermanent?: OnPermanent<TrainingState>; performs?: Performs },
  ): Promise<TrainingDecision> {
    const { state } = await this.deps.store.getTraining(model);
    const counted = await this.deps.windows.read(model, state.window.gen);
    const seeing: Decide = (s, now) => decide(withCounted(s, counted), now);
    return this.decider.apply(trainingKey(model), emptyTrainingState(model), seeing, { model }, opts);
  }

  /**
   * One object arrived (S3 created it at `createdAt`): counted once into the line's open window, in one conditional
   * write. An object that found the window closed (a run took it meanwhile) counts into the next one; one that the
   * window before the open one counted already is a late duplicate.
   */
  async countObject(
    line: ModelLine,
    trigger: DataTrigger,
    object: ArrivedObject,
    createdAt: string,
  ): Promise<TrainingDecision> {
    const { windows } = this.deps;
    const counter = { fingerprint: objectFingerprint(object), size: object.size };
    const source = sourceKey(trigger);
    for (let attempt = 1; attempt <= MAX_WINDOW_MOVES; attempt++) {
      const { state } = await this.deps.store.getTraining(line.name);
      const { gen } = state.window;
      const earlier =
        mayBeCountedBefore(state.window, createdAt) &&
        (await windows.counted(line.name, gen - 1, source, counter.fingerprint));
      const outcome = earlier ? 'duplicate' : await windows.count(line.name, gen, source, counter, this.deps.clock());
      if (outcome === 'closed') continue;
      const decision = outcome === 'counted' ? objectCounted(object, gen) : objectRepeated(object);
      report(this.deps, decision, { model: line.name });
      return decision;
    }
    throw new Error(`${line.name}: data window closed ${MAX_WINDOW_MOVES} times while counting ${object.key}`);
  }

  /**
   * A training job's or pipeline's status, from its event or from the reconciler's look-up. A completed job deleted
   * before it was read is gone: the run stays in flight, and the reconciler finds it missing once it went quiet.
   * `how.performs`: the leftover actions the calling function's role is granted (./grants.ts);
   * `how.finishLeftovers: false` for the reconciler, which did that work first.
   */
  async observe(
    line: ModelLine,
    observed: TrainingObservation,
    event?: EventSeen,
    how: { performs?: Performs; finishLeftovers?: boolean } = {},
  ): Promise<TrainingDecision | Gone> {
    const { name, status } = observed;
    const apply = (decide: Decide) => this.decide(line.name, decide, { onPermanent, ...how });
    const { state } = await this.deps.store.getTraining(line.name);
    const kind = classify(state, name);
    if (kind !== 'current') return apply(() => (kind === 'stale' ? stale(observed) : unknown(observed)));
    // A stopped tuning job may still have a best job to gate (domain/retraining/tuning-ended.ts).
    if (status === 'Completed' || (status === 'Stopped' && line.training.type === 'tuning')) {
      const completed = await completedRun(this.deps.sagemaker, line, name, status);
      if (!completed) {
        const seen = event ?? { id: name, time: this.deps.clock().toISOString() };
        const { entry, gone } = resourceGone(
          line.name,
          seen,
          `${line.training.type === 'tuning' ? 'tuning' : 'training'} job ${name} no longer exists: not registered`,
        );
        await perform(entry, this.fx);
        return gone;
      }
      if ('failureReason' in completed) {
        return apply((s, now) =>
          classify(s, name) === 'current'
            ? onEnded(s, line, { ...observed, status: status === 'Stopped' ? status : 'Failed', ...completed }, now)
            : stale(observed),
        );
      }
      const { metric } = qualityGateOf(line);
      const production = await this.deps.sagemaker.productionModel(line.modelPackageGroup, metric);
      return apply((s, now) =>
        classify(s, name) === 'current' ? onCompleted(s, line, completed, production, now) : stale(observed),
      );
    }
    const told = await withFailureReason(this.deps.sagemaker, observed);
    const registered = await pipelineRegistered(this.deps.sagemaker, line, state.inFlight!, observed);
    return apply((s, now) => {
      if (classify(s, name) !== 'current') return stale(observed);
      if (status === 'Succeeded') return onPipelineSucceeded(s, line, registered, now, this.deps.stack);
      if (TERMINAL_FAILURE.has(status)) return onEnded(s, line, told, now);
      if (RUNNING.has(status)) return onProgress(s, observed, now);
      return ignored('EventsIgnored', `status ${status} needs no action`, { name });
    });
  }

  /**
   * One reconciler pass over a model line: finish stale outbox work, look up a run that went quiet, start
   * what is due (a coalesced retraining, a data window past its quiet period), or say once that the run in flight
   * stays far longer than its stopping condition allows. Outbox work that fails stops none of the rest of the pass:
   * its error is thrown at the end, so it is seen, and the work is retried by the next pass (once per pass).
   */
  async reconcile(line: ModelLine): Promise<void> {
    const { sagemaker, store } = this.deps;
    const leftovers = (await store.getTraining(line.name)).outbox;
    const failed = await this.decider.finishLeftovers(trainingKey(line.name), leftovers, recovery(line.name)).then(
      () => undefined,
      (err: unknown) => err ?? new Error(`outbox of ${line.name} failed`),
    );
    const { state, outbox } = await store.getTraining(line.name);
    const run = state.inFlight;
    // Only the run's own start, still pending, holds the look-up back (startPending says why).
    const pending = outbox.map((entry) => entry.action);
    if (run && !startPending(pending) && isStalled(state, line, this.deps.clock())) {
      const seen = await describeRun(sagemaker, run);
      if (seen) {
        await this.observe(line, { ...seen, name: run.jobName }, undefined, { finishLeftovers: false });
      } else {
        const missing = { name: run.jobName, status: 'missing' };
        const lost: Decide = (s, now) =>
          s.inFlight?.jobName === run.jobName ? onMissing(s, line, now) : stale(missing);
        await this.decide(line.name, lost, { onPermanent, finishLeftovers: false });
      }
    }
    const tick: Decide = (s, now) => (s.inFlight ? watchTraining(s, line, now) : onTick(s, line, now));
    await this.decide(line.name, tick, { onPermanent, finishLeftovers: false });
    if (failed) throw failed;
  }
}

const unknown = ({ name, status }: TrainingObservation): TrainingDecision =>
  ignored('EventsIgnored', 'training not started by Shepherd or not in flight: ignored', { name, status });

const stale = ({ name, status }: TrainingObservation): TrainingDecision =>
  ignored('DuplicatesIgnored', 'duplicate or late training event ignored', { name, status });
