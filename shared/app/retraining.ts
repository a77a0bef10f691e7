import type { ModelLine } from '../config/schema';
import type { EventSeen, Gone } from '../domain/gone';
import type { TrainingDecision } from '../domain/retraining/decision';
import { onRunRefused } from '../domain/retraining/failure';
import type { TrainingObservation } from '../domain/retraining/observations';
import { isStalled, onMissing, onRegistered, startPending } from '../domain/retraining/outcomes';
import { emptyTrainingState, type TrainingState } from '../domain/retraining/state';
import { watchTraining } from '../domain/retraining/stuck';
import { onTick } from '../domain/retraining/triggers';
import { withCounted } from '../domain/retraining/window';
import type { DataWindows } from '../state/data-windows';
import { trainingKey } from '../state/keys';
import { TRAINING_ITEM } from '../state/kinds/training';
import { getTraining } from '../state/training-item';
import { Decider, type DeciderDeps } from './decider';
import { perform, type Effects, type TrainingHooks } from './effects';
import type { OnPermanent } from './errors';
import type { Performs } from './grants';
import { retrainingEffects } from './retraining-effects';
import { describeRun } from './retraining-lookups';
import { type Decide, observeRun, stale } from './retraining-runs';

export interface Deps extends Omit<Effects, TrainingHooks>, DeciderDeps {
  windows: DataWindows;
}

// A run's start or registration refused for good ends the run (shared/domain/retraining/failure.ts).
const onPermanent: OnPermanent<TrainingState> = (state, action, error, now) =>
  onRunRefused(state, action, `${error.name}: ${error.message}`, now);
const recovery = (model: string) => ({ empty: emptyTrainingState(model), kind: TRAINING_ITEM, onPermanent });

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
    const { state } = await getTraining(this.deps.store, model);
    const counted = await this.deps.windows.read(model, state.window.gen);
    const seeing: Decide = (s, now) => decide(withCounted(s, counted), now);
    return this.decider.apply(trainingKey(model), emptyTrainingState(model), TRAINING_ITEM, seeing, { model }, opts);
  }

  /**
   * A training job's or pipeline's status, from its event or from the reconciler's look-up (./retraining-runs.ts).
   * `how.performs`: the leftover actions the calling function's role is granted (./grants.ts);
   * `how.finishLeftovers: false` for the reconciler, which did that work first.
   */
  async observe(
    line: ModelLine,
    observed: TrainingObservation,
    event?: EventSeen,
    how: { performs?: Performs; finishLeftovers?: boolean } = {},
  ): Promise<TrainingDecision | Gone> {
    const apply = (decide: Decide) => this.decide(line.name, decide, { onPermanent, ...how });
    return observeRun({ deps: this.deps, fx: this.fx, apply }, line, observed, event);
  }

  /**
   * One reconciler pass over a model line: finish stale outbox work, look up a run that went quiet, start
   * what is due (a coalesced retraining, a data window past its quiet period), or say once that the run in flight
   * stays far longer than its stopping condition allows. Outbox work that fails stops none of the rest of the pass:
   * its error is thrown at the end, so it is seen, and the work is retried by the next pass (once per pass).
   * `performs`: the leftovers the reconciler's role is granted (./grants.ts).
   */
  async reconcile(line: ModelLine, performs?: Performs): Promise<void> {
    const { sagemaker, store } = this.deps;
    const leftovers = (await getTraining(store, line.name)).outbox;
    const key = trainingKey(line.name);
    const failed = await this.decider.finishLeftovers(key, leftovers, recovery(line.name), performs).then(
      () => undefined,
      (err: unknown) => err ?? new Error(`outbox of ${line.name} failed`),
    );
    const { state, outbox } = await getTraining(store, line.name);
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
