// Which ended tuning job's best training job may go to the quality gate (docs/aws-tuning.md, "How a tuning job
// ends"). Completed: its best job. Stopped: SageMaker does not say whether a human stopped it or its runtime limit
// did, so its wall-clock runtime is compared with that limit: at the limit, the tuning job ran as configured and its
// best job is as good a candidate as a completed job's; before it, someone decided the search should not finish,
// and registering what it found would overrule them.
import type { TrainingObservation } from './observations';

/** A tuning job as DescribeHyperParameterTuningJob shows it; its event never names the best job. */
export interface TuningDescription extends TrainingObservation {
  arn?: string;
  best?: { name: string; hyperparameters: Record<string, string>; objective?: number };
  /** ResourceLimits.MaxRuntimeInSeconds, if it has one. */
  maxRuntimeSeconds?: number;
  /** The wall-clock seconds it ran: ConsumedResources.RuntimeInSeconds, else its end time less its creation time. */
  runtimeSeconds?: number;
}

/** How close to its limit a stopped tuning job must have run to count as stopped by it (AWS rounds, and stops late). */
export const RUNTIME_SLACK_SECONDS = 60;

/** The best training job to look up, or why the run ends without one. */
export function bestToRegister(tuning: TuningDescription): { best: string } | { failureReason: string } {
  const { name, status, best } = tuning;
  if (status === 'Stopped') {
    const stoppedEarly = beforeLimit(tuning);
    if (stoppedEarly)
      return { failureReason: `${stoppedEarly}: taken as stopped by hand, its best job is not registered` };
    if (!best) return { failureReason: `${name} stopped at its runtime limit without a best training job` };
    return { best: best.name };
  }
  if (!best) return { failureReason: 'the tuning job completed without a best training job' };
  return { best: best.name };
}

/** Why a stopped tuning job is not known to have reached its runtime limit; undefined when it did. */
function beforeLimit({ name, maxRuntimeSeconds: limit, runtimeSeconds: ran }: TuningDescription): string | undefined {
  if (limit === undefined) return `${name} was stopped and has no runtime limit`;
  if (ran === undefined) return `${name} was stopped and SageMaker did not say how long it ran (limit ${limit} s)`;
  if (ran < limit - RUNTIME_SLACK_SECONDS) {
    return `${name} was stopped after ${ran} s, before its runtime limit of ${limit} s`;
  }
  return undefined;
}

/**
 * A best job that did not complete (stopped early by the tuning job, or with it) has a model SageMaker saved on a best
 * effort, if at all: it is not registered, and nothing about it changes on a retry.
 */
export const bestNotCompleted = (best: string, status: string): string =>
  `the best training job ${best} is ${status}, not Completed: its model is not registered`;
