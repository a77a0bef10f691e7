// A run that stays far longer than its configured times say it can: SageMaker ends a training job at its stopping
// condition, so a job still running well past it waits for something nobody is watching. Said once per status.
import type { ModelLine } from '../../config/schema';
import { nothing, record } from '../decisions';
import { alert } from '../notify';
import type { TrainingDecision } from './decision';
import type { InFlight, TrainingState } from './state';

const MINUTE_MS = 60_000;
/** Past the stopping condition: SageMaker still uploads the model and settles the job, usually within minutes. */
export const TRAINING_MARGIN_MS = 30 * MINUTE_MS;
/** CreateModelPackage answers in seconds; a registration this old waits on something else. */
export const REGISTERING_MS = 60 * MINUTE_MS;

/** The status a run is in, as its alert remembers it: each attempt's job and the registration are their own. */
const statusOf = (run: InFlight) => `${run.jobName}/${run.phase ?? 'training'}`;

/** Since when and for how long the run may stay in its status, and what it waits for; undefined: no bound known. */
function bound(run: InFlight, line: ModelLine): { since: number; limitMs: number; waitsFor: string } | undefined {
  if (run.phase === 'registering') {
    const waitsFor = `the registration of its model in ${line.modelPackageGroup} (CreateModelPackage)`;
    return { since: Date.parse(run.lastHeardAt), limitMs: REGISTERING_MS, waitsFor };
  }
  // A pipeline's steps have no stopping condition Shepherd knows of.
  if (line.training.type === 'pipeline') return undefined;
  const { spot, stoppingCondition } = line.training;
  const runtime = stoppingCondition.maxRuntimeSeconds;
  const seconds = spot ? (stoppingCondition.maxWaitSeconds ?? runtime * 2) : runtime;
  const condition = spot ? `MaxWaitTimeInSeconds ${seconds}` : `MaxRuntimeInSeconds ${seconds}`;
  if (line.training.type === 'tuning') {
    // Its own limit, or its children in waves of maxParallelTrainingJobs, each wave its whole stopping condition.
    const limits = line.training.resourceLimits;
    const waves = Math.ceil(limits.maxTrainingJobs / limits.maxParallelTrainingJobs);
    const own = limits.maxRuntimeSeconds;
    const allowed = own
      ? `its MaxRuntimeInSeconds ${own}`
      : `${waves} wave(s) of child jobs, each within its ${condition}`;
    return {
      since: Date.parse(run.startedAt),
      limitMs: (own ?? waves * seconds) * 1000 + TRAINING_MARGIN_MS,
      waitsFor: `tuning job ${run.jobName} to end (${allowed} has passed)`,
    };
  }
  const last = `${run.lastSecondaryStatus ?? 'no status'} at ${run.lastHeardAt}`;
  // Every attempt (a spot retry is a new job) may take its whole stopping condition.
  return {
    since: Date.parse(run.startedAt),
    limitMs: (run.attempt + 1) * (seconds * 1000 + TRAINING_MARGIN_MS),
    waitsFor: `training job ${run.jobName} to end (its ${condition} has passed; last heard: ${last})`,
  };
}

/** The reconciler's look at the run in flight: an alert, once, when it stays far longer than its settings allow. */
export function watchTraining(state: TrainingState, line: ModelLine, now: Date): TrainingDecision {
  const run = state.inFlight;
  if (!run) return nothing('no training in flight');
  const limits = bound(run, line);
  const status = statusOf(run);
  if (!limits || run.stuckSaid === status || now.getTime() - limits.since <= limits.limitMs) {
    return nothing('training in flight');
  }
  const minutes = Math.round((now.getTime() - limits.since) / MINUTE_MS);
  const at = now.toISOString();
  const since = new Date(limits.since).toISOString();
  const text = `${run.jobName} has been ${run.phase ?? 'training'} for ${minutes} min: waits for ${limits.waitsFor}`;
  return {
    state: { ...state, inFlight: { ...run, stuckSaid: status } },
    actions: [
      record(state.model, at, `stuck-${status}`, 'TrainingStuck', text, { since, waitsFor: limits.waitsFor }),
      {
        type: 'notify',
        notification: alert(state.model, 'warning', `training stuck for ${minutes} min`, `${text}.`, {
          'Waits for': limits.waitsFor,
          Since: since,
          Allowed: `${Math.round(limits.limitMs / MINUTE_MS)} min`,
          Run: run.runName,
        }),
      },
    ],
    metrics: [],
    log: { message: 'training stuck', data: { jobName: run.jobName, minutes, waitsFor: limits.waitsFor } },
  };
}
