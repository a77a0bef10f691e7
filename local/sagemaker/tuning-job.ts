// One hyperparameter tuning job: its children, its best, and the two ways SageMaker shows it (Describe…, with
// BestTrainingJob; the state-change event, without it).
import type { TrainingJob } from './training-job';
import type { Json } from './validation';

interface Range {
  Name: string;
  MinValue?: string;
  MaxValue?: string;
  Values?: string[];
}

export class TuningJob {
  status = 'InProgress';
  readonly children: TrainingJob[] = [];
  best?: TrainingJob;
  failureReason?: string;
  endTime?: number;
  lastModified: number;

  constructor(
    readonly name: string,
    readonly arn: string,
    readonly input: Json,
    readonly createdAt: number,
  ) {
    this.lastModified = createdAt;
  }

  get config(): Json {
    return this.input.HyperParameterTuningJobConfig as Json;
  }

  get objective(): { Type: string; MetricName: string } {
    return this.config.HyperParameterTuningJobObjective as { Type: string; MetricName: string };
  }

  get limits(): { MaxNumberOfTrainingJobs: number; MaxParallelTrainingJobs: number } {
    return this.config.ResourceLimits as { MaxNumberOfTrainingJobs: number; MaxParallelTrainingJobs: number };
  }

  private counters(): Json {
    const count = (status: string) => this.children.filter((c) => c.status === status).length;
    return {
      Completed: count('Completed'),
      InProgress: count('InProgress') + count('Stopping'),
      RetryableError: 0,
      NonRetryableError: count('Failed'),
      Stopped: count('Stopped'),
    };
  }

  private summary(job: TrainingJob): Json {
    const metric = job.metrics[this.objective.MetricName];
    return {
      TrainingJobName: job.name,
      TrainingJobArn: job.arn,
      TuningJobName: this.name,
      CreationTime: new Date(job.createdAt),
      TrainingJobStatus: job.status,
      TunedHyperParameters: tuned(this.config, job.request.hyperParameters),
      ...(metric !== undefined
        ? {
            FinalHyperParameterTuningJobObjectiveMetric: {
              Type: this.objective.Type,
              MetricName: this.objective.MetricName,
              Value: metric,
            },
          }
        : {}),
      ObjectiveStatus: metric !== undefined ? 'Succeeded' : job.ended ? 'Failed' : 'Pending',
    };
  }

  describe(): Json {
    return {
      HyperParameterTuningJobName: this.name,
      HyperParameterTuningJobArn: this.arn,
      HyperParameterTuningJobConfig: structuredClone(this.config),
      TrainingJobDefinition: structuredClone(this.input.TrainingJobDefinition),
      HyperParameterTuningJobStatus: this.status,
      CreationTime: new Date(this.createdAt),
      LastModifiedTime: new Date(this.lastModified),
      ...(this.endTime !== undefined ? { HyperParameterTuningEndTime: new Date(this.endTime) } : {}),
      TrainingJobStatusCounters: this.counters(),
      ObjectiveStatusCounters: {
        Succeeded: this.children.filter((c) => c.metrics[this.objective.MetricName] !== undefined).length,
        Pending: this.children.filter((c) => !c.ended).length,
        Failed: this.children.filter((c) => c.ended && c.metrics[this.objective.MetricName] === undefined).length,
      },
      ...(this.best ? { BestTrainingJob: this.summary(this.best) } : {}),
      ...(this.failureReason ? { FailureReason: this.failureReason } : {}),
    };
  }

  /** The event's detail: epoch-ms times as strings (as the documented example has them), counters, no best job. */
  eventDetail(tags: Record<string, string>): Json {
    return {
      HyperParameterTuningJobName: this.name,
      HyperParameterTuningJobArn: this.arn,
      TrainingJobDefinition: structuredClone(this.input.TrainingJobDefinition),
      HyperParameterTuningJobStatus: this.status,
      CreationTime: String(this.createdAt),
      LastModifiedTime: String(this.lastModified),
      TrainingJobStatusCounters: this.counters(),
      ...(this.failureReason ? { FailureReason: this.failureReason } : {}),
      Tags: tags,
    };
  }
}

/** The searched hyperparameters of a child, as TunedHyperParameters lists them. */
function tuned(config: Json, hyperParameters: Record<string, string>): Record<string, string> {
  const names = Object.values((config.ParameterRanges as Record<string, Range[]> | undefined) ?? {})
    .flat()
    .map((r) => r.Name);
  return Object.fromEntries(names.filter((n) => n in hyperParameters).map((n) => [n, hyperParameters[n]!]));
}

/** The nth child's values: spread evenly over each range, so children differ and runs are repeatable. */
export function sample(config: Json, n: number, of: number): Record<string, string> {
  const ranges = (config.ParameterRanges as Record<string, Range[]> | undefined) ?? {};
  const at = (n + 0.5) / of;
  const out: Record<string, string> = {};
  for (const r of ranges.IntegerParameterRanges ?? [])
    out[r.Name] = String(Math.round(Number(r.MinValue) + (Number(r.MaxValue) - Number(r.MinValue)) * at));
  for (const r of ranges.ContinuousParameterRanges ?? [])
    out[r.Name] = String(Number(r.MinValue) + (Number(r.MaxValue) - Number(r.MinValue)) * at);
  for (const r of ranges.CategoricalParameterRanges ?? []) out[r.Name] = r.Values![n % r.Values!.length]!;
  return out;
}
