// A training job's script — what the scenario says will happen to it — turned into its timed transitions:
// Starting (2 min) → Downloading (1 min) → Training (with spot interruptions) → Uploading (1 min) → Completed,
// or → Failed, or → Stopping (10 s) → Stopped with MaxWaitTimeExceeded / MaxRuntimeExceeded.

export interface TrainingScript {
  /** virtual ms in the Training phase before the outcome (default 10 min) */
  trainingMs?: number;
  /**
   * spot interruptions during Training: each emits InProgress/Interrupted, lasts `ms`, then resumes
   * (InProgress/Training)
   */
  interruptions?: { afterMs: number; ms: number }[];
  outcome: 'Completed' | 'Failed' | 'MaxWaitTimeExceeded' | 'MaxRuntimeExceeded';
  /** FinalMetricDataList on Completed */
  metrics?: Record<string, number>;
  /** on Failed */
  failureReason?: string;
}

export type TrainingPlan = (job: {
  name: string;
  tags: Record<string, string>;
  request: Record<string, unknown>;
}) => TrainingScript;

/** SecondaryStatusTransitions' StatusMessage per secondary status (the first ones as in the recorded events). */
export const MESSAGES: Record<string, string> = {
  Starting: 'Preparing the instances for training',
  Downloading: 'Downloading input data',
  Training: 'Training image download completed. Training in progress.',
  Interrupted: 'Training job interrupted due to spot instance interruption',
  Uploading: 'Uploading generated training model',
  Completed: 'Training job completed',
  Failed: 'Training job failed',
  Stopping: 'Stopping the training job',
  Stopped: 'Training job stopped',
  MaxRuntimeExceeded: 'Training job stopped because MaxRuntimeInSeconds was exceeded',
  MaxWaitTimeExceeded: 'Training job stopped because MaxWaitTimeInSeconds was exceeded',
};

export const MINUTE = 60_000;
const STOPPING_MS = 10_000;

export interface Step {
  at: number;
  status: string;
  secondary: string;
}

/** The job's remaining transitions, at virtual times counted from its creation. */
export function steps(created: number, s: TrainingScript): Step[] {
  const out: Step[] = [];
  let t = created + 2 * MINUTE;
  const push = (status: string, secondary: string) => out.push({ at: t, status, secondary });
  push('InProgress', 'Downloading');
  t += MINUTE;
  push('InProgress', 'Training');
  const trainingMs = s.trainingMs ?? 10 * MINUTE;
  let progress = 0;
  for (const i of [...(s.interruptions ?? [])].sort((a, b) => a.afterMs - b.afterMs)) {
    if (i.afterMs < progress || i.afterMs >= trainingMs) continue;
    t += i.afterMs - progress;
    progress = i.afterMs;
    push('InProgress', 'Interrupted');
    t += i.ms;
    push('InProgress', 'Training');
  }
  t += trainingMs - progress;
  if (s.outcome === 'Completed') {
    push('InProgress', 'Uploading');
    t += MINUTE;
    push('Completed', 'Completed');
  } else if (s.outcome === 'Failed') {
    push('Failed', 'Failed');
  } else {
    push('Stopping', 'Stopping');
    t += STOPPING_MS;
    push('Stopped', s.outcome);
  }
  return out;
}
