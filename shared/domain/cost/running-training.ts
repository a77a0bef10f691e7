// Training jobs still running when a sweep looks: what they have cost so far, and whether they have run too long.
// Listed only: a sweep never stops a job (Shepherd's own are the reconciler's, docs/cost-sweeps.md). Pure.
import { trainingJobsStart, tuningNameHead } from '../names';
import { estimateOf, type Finding } from './findings';
import { hourlyPrice, pricesNote, round, type PriceTable } from './prices';
import { type TrainingSeen, typesOf } from './workspaces';

export interface RunningTrainingSeen extends Pick<TrainingSeen, 'name' | 'instances' | 'spot'> {
  /** TrainingStartTime: billing starts with it; absent while SageMaker is still getting instances. */
  startedAt?: string;
  /** StoppingCondition.MaxRuntimeInSeconds: Shepherd's jobs carry their line's `stoppingCondition`. */
  maxRuntimeSeconds?: number;
}

/** How every training job Shepherd starts begins: a run's, a spot retry's, a tuning run's children (names.ts). */
export const trainingPrefixes = (models: { name: string }[]): string[] =>
  models.flatMap((m) => [trainingJobsStart(m.name), `${tuningNameHead(m.name)}-`]);

/** How long a job Shepherd did not start may run before the report flags it (docs/cost-sweeps.md). */
export const FOREIGN_TRAINING_HOURS = 24;

/** Why a job has run too long, or undefined: past its own limit, or past a day when it is not Shepherd's. */
function overrun(j: RunningTrainingSeen, seconds: number, shepherds: boolean): string | undefined {
  const limit = j.maxRuntimeSeconds;
  if (limit !== undefined && seconds > limit)
    return `past its MaxRuntimeInSeconds of ${limit} (${round(limit / 3600)} h): stuck, or stopping`;
  if (!shepherds && seconds > FOREIGN_TRAINING_HOURS * 3600)
    return `more than ${FOREIGN_TRAINING_HOURS} h, for a job Shepherd did not start: forgotten?`;
  return undefined;
}

/**
 * Every job listed InProgress, with its instances, its running time and an estimate of what it has cost so far at
 * on-demand rates (a spot job bills only its billable seconds, at spot rates: an upper bound). `shepherds`: whether a
 * job is one Shepherd started.
 */
export function runningTrainingFindings(
  jobs: RunningTrainingSeen[],
  shepherds: (name: string) => boolean,
  prices: PriceTable,
  region: string,
  now: Date,
): Finding[] {
  return jobs.map((j): Finding => {
    const started = j.startedAt === undefined ? Number.NaN : Date.parse(j.startedAt);
    const seconds = Number.isNaN(started) ? 0 : Math.max(0, (now.getTime() - started) / 1000);
    const hourly = j.instances.reduce(
      (sum, g) => sum + (g.count ? (hourlyPrice(prices, 'training', region, g.type) ?? Number.NaN) * g.count : 0),
      j.instances.length ? 0 : Number.NaN,
    );
    const spent = Number.isNaN(hourly) ? null : round((hourly * seconds) / 3600);
    const why = overrun(j, seconds, shepherds(j.name));
    const running = Number.isNaN(started)
      ? 'not started on its instances yet'
      : `running for ${Math.floor(seconds / 3600)} h`;
    return {
      kind: 'running-training',
      resource: j.name,
      evidence:
        `${typesOf(j, true)} ${running}${why ? `, ${why}` : ''}` +
        (j.spot ? '; managed spot bills only its billable seconds, at spot rates: the figure is an upper bound' : ''),
      monthlyCostUsd: spent,
      // Stopping a job is its owner's call: what it would save is not known.
      monthlySavingUsd: null,
      action: 'report',
      estimate: spent === null ? estimateOf(prices, null) : `estimate so far, ${pricesNote(prices)}`,
      per: 'so-far',
      ...(why ? { overrun: true } : {}),
    };
  });
}
