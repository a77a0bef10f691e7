import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { ModelLine } from '../config/schema';
import type { Decision } from '../domain/actions';
import { classify, isStalled, onCompleted, onEnded, onMissing, onPipelineSucceeded, onProgress, type TrainingObservation } from '../domain/retraining/outcomes';
import { onTick } from '../domain/retraining/triggers';
import type { TrainingState } from '../domain/retraining/state';
import { StaleStateError, type OutboxEntry } from '../state/store';
import { perform, type Effects } from './effects';

export interface Deps extends Effects {
  logger: Logger;
  metrics: Metrics;
  clock: () => Date;
}

type Decide = (state: TrainingState, now: Date) => Decision<TrainingState>;

const MAX_RACES = 5;
// Entries younger than this may still be in the hands of the invocation that wrote them.
export const OUTBOX_GRACE_MS = 60_000;

const TERMINAL_FAILURE = new Set(['Failed', 'Stopped']);
const RUNNING = new Set(['InProgress', 'Stopping', 'Executing', 'Stopping']);

/** Runs decisions for one model line: read, decide, conditional write, then perform what was decided. */
export class RetrainingService {
  constructor(private readonly deps: Deps) {}

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
          if (err instanceof StaleStateError && race < MAX_RACES) continue;
          throw err;
        }
      }
      this.report(model, decision);
      // Work an earlier invocation decided but could not finish (throttled, crashed) is finished by the next one.
      await this.drain(model, [...leftovers(outbox, now), ...added]);
      return decision;
    }
    throw new Error(`unreachable: ${MAX_RACES} races on ${model}`);
  }

  /** Performs outbox entries in order and removes each once done; a failure is thrown so Lambda retries. */
  async drain(model: string, entries: OutboxEntry[]): Promise<void> {
    for (const entry of entries) {
      await perform(entry.action, this.deps);
      await this.deps.store.completeOutboxEntry(model, entry.id);
    }
  }

  /** The reconciler's part: finish what a crashed or failed invocation left in the outbox. */
  async drainStale(model: string): Promise<number> {
    const { outbox } = await this.deps.store.getTraining(model);
    const stale = leftovers(outbox, this.deps.clock());
    if (stale.length > 0) this.deps.logger.warn('performing actions left in the outbox', { model, ids: stale.map((e) => e.id) });
    await this.drain(model, stale);
    return stale.length;
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
    await this.drainStale(line.name);
    const { state } = await this.deps.store.getTraining(line.name);
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

const leftovers = (outbox: OutboxEntry[], now: Date) => outbox.filter((e) => Date.parse(e.createdAt) <= now.getTime() - OUTBOX_GRACE_MS);

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
