import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { ModelLine } from '../config/schema';
import type { Decision } from '../domain/actions';
import { classify, isStalled, onCompleted, onEnded, onMissing, onPipelineSucceeded, onProgress, onRegistered, type TrainingObservation } from '../domain/retraining/outcomes';
import { onTick } from '../domain/retraining/triggers';
import type { TrainingState } from '../domain/retraining/state';
import { StaleStateError, type OutboxEntry } from '../state/store';
import { perform, type Effects } from './effects';

export interface Deps extends Omit<Effects, 'releaseRun'> {
  logger: Logger;
  metrics: Metrics;
  clock: () => Date;
}

type Decide = (state: TrainingState, now: Date) => Decision<TrainingState>;

// Writers of one model line race (a bulk upload is many concurrent dataArrived); jittered backoff spreads them.
const MAX_RACES = 10;
const backoff = (race: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** Math.min(race, 6)));

const TERMINAL_FAILURE = new Set(['Failed', 'Stopped']);
const RUNNING = new Set(['InProgress', 'Stopping', 'Executing', 'Stopping']);

/** Runs decisions for one model line: read, decide, conditional write, then perform what was decided. */
export class RetrainingService {
  private readonly fx: Effects;

  constructor(private readonly deps: Deps) {
    this.fx = { ...deps, releaseRun: async (model, runName) => void (await this.apply(model, (s) => onRegistered(s, runName))) };
  }

  async apply(model: string, decide: Decide): Promise<Decision<TrainingState>> {
    for (let race = 1; race <= MAX_RACES; race++) {
      const { state, outbox } = await this.deps.store.getTraining(model);
      const now = this.deps.clock();
      const decision = decide(state, now);
      let added: OutboxEntry[] = [];
      if (decision.state) {
        try {
          added = await this.deps.store.saveTraining(state, outbox, decision.state, decision.actions, now);
        } catch (err) {
          if (err instanceof StaleStateError && race < MAX_RACES) {
            await backoff(race);
            continue;
          }
          throw err;
        }
      }
      this.report(model, decision);
      // Work an earlier invocation decided but could not finish (throttled, crashed) is finished by the next one.
      await this.finishLeftovers(model, outbox);
      await this.drain(model, added);
      return decision;
    }
    throw new Error(`unreachable: ${MAX_RACES} races on ${model}`);
  }

  /** Performs outbox entries this invocation owns, in order, removing each once done; a failure is rethrown. */
  async drain(model: string, entries: OutboxEntry[]): Promise<void> {
    for (const [i, entry] of entries.entries()) {
      try {
        await perform(entry.action, this.fx);
      } catch (err) {
        await this.deps.store.releaseOutboxEntries(model, entries.slice(i).map((e) => e.id)).catch((releaseError: unknown) => {
          this.deps.logger.warn('could not release outbox entries; they wait for their lease to end', { model, releaseError });
        });
        throw err;
      }
      await this.deps.store.completeOutboxEntry(model, entry.id);
    }
  }

  /** Claims and performs the entries whose owner failed or died (their lease ran out). */
  async finishLeftovers(model: string, outbox: OutboxEntry[]): Promise<number> {
    const claimed: OutboxEntry[] = [];
    for (const e of outbox.filter((o) => o.leaseUntil < Date.now())) if (await this.deps.store.claimOutboxEntry(model, e.id)) claimed.push(e);
    if (claimed.length > 0) this.deps.logger.warn('performing actions left in the outbox', { model, ids: claimed.map((e) => e.id) });
    await this.drain(model, claimed);
    return claimed.length;
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
    const { state, outbox } = await this.deps.store.getTraining(line.name);
    await this.finishLeftovers(line.name, outbox);
    const f = state.inFlight;
    if (f && isStalled(state, line, this.deps.clock())) {
      const seen = f.kind === 'job' ? await this.deps.sagemaker.describeTrainingJob(f.jobName) : f.executionArn ? await this.deps.sagemaker.describePipelineExecution(f.executionArn) : undefined;
      if (seen) await this.observe(line, { ...seen, name: f.jobName });
      else await this.apply(line.name, (s, now) => (s.inFlight?.jobName === f.jobName ? onMissing(s, line, now) : stale({ name: f.jobName, status: 'missing' })));
    }
    await this.apply(line.name, (s, now) => onTick(s, line, now));
  }

  private report(model: string, d: Decision<TrainingState>): void {
    this.deps.logger.info(d.log.message, { model, ...d.log.data });
    for (const m of d.metrics) this.deps.metrics.addMetric(m, MetricUnit.Count, 1);
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
