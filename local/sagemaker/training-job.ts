// One training job: its status and secondary-status history, and the two ways SageMaker shows it —
// DescribeTrainingJob (everything, Dates) and the state-change event (epoch-ms times, tags as a map,
// and no final metrics, billable or training time: those only DescribeTrainingJob gives).
import type { TrainingRequest } from './training-request';
import { MESSAGES } from './training-script';

export interface Transition {
  Status: string;
  StartTime: number;
  EndTime?: number;
  StatusMessage: string;
}

/** What managed spot bills of the training time in the emulator (AWS quotes savings up to 90 %). */
export const SPOT_BILLABLE_SHARE = 0.35;

const TERMINAL = new Set(['Completed', 'Failed', 'Stopped']);

export class TrainingJob {
  status = 'InProgress';
  secondaryStatus = 'Starting';
  readonly transitions: Transition[];
  lastModified: number;
  startTime?: number;
  endTime?: number;
  failureReason?: string;
  metrics: Record<string, number> = {};
  /** Set on the children of a tuning job, in their description and their events. */
  tuningJobArn?: string;

  constructor(
    readonly request: TrainingRequest,
    readonly arn: string,
    readonly createdAt: number,
    readonly seq: number,
  ) {
    this.transitions = [{ Status: 'Starting', StartTime: createdAt, StatusMessage: MESSAGES.Starting! }];
    this.lastModified = createdAt;
  }

  get name(): string {
    return this.request.name;
  }

  get ended(): boolean {
    return TERMINAL.has(this.status);
  }

  /** The virtual time of the latest transition: nothing may be stamped before it. */
  get lastTransitionAt(): number {
    return this.transitions.at(-1)?.StartTime ?? this.createdAt;
  }

  /** Moves to a new (status, secondary status) at virtual time `at`, closing the previous transition. */
  move(status: string, secondary: string, at: number): void {
    const previous = this.transitions.at(-1);
    if (previous) previous.EndTime = at;
    const next: Transition = { Status: secondary, StartTime: at, StatusMessage: MESSAGES[secondary] ?? secondary };
    this.transitions.push(next);
    this.status = status;
    this.secondaryStatus = secondary;
    this.lastModified = at;
    if (secondary === 'Downloading' && this.startTime === undefined) this.startTime = at;
    if (TERMINAL.has(status)) {
      next.EndTime = at;
      this.endTime = at;
      this.startTime ??= at;
    }
  }

  get trainingSeconds(): number | undefined {
    return this.endTime === undefined || this.startTime === undefined
      ? undefined
      : Math.round((this.endTime - this.startTime) / 1000);
  }

  get billableSeconds(): number | undefined {
    const t = this.trainingSeconds;
    if (t === undefined) return undefined;
    return this.request.spot && t > 0 ? Math.max(1, Math.round(t * SPOT_BILLABLE_SHARE)) : t;
  }

  get artifactUri(): string | undefined {
    if (this.status !== 'Completed') return undefined;
    return `${this.request.outputDataConfig.S3OutputPath.replace(/\/+$/, '')}/${this.name}/output/model.tar.gz`;
  }

  /** The fields both views share, with times converted by `time`. */
  private fields<T>(time: (ms: number) => T): Record<string, unknown> {
    const r = this.request;
    const at = (key: string, ms: number | undefined) => (ms === undefined ? {} : { [key]: time(ms) });
    const artifact = this.artifactUri;
    return {
      TrainingJobName: this.name,
      TrainingJobArn: this.arn,
      TrainingJobStatus: this.status,
      SecondaryStatus: this.secondaryStatus,
      ...(this.failureReason !== undefined ? { FailureReason: this.failureReason } : {}),
      HyperParameters: { ...r.hyperParameters },
      AlgorithmSpecification: structuredClone(r.algorithm),
      RoleArn: r.roleArn,
      InputDataConfig: structuredClone(r.inputDataConfig),
      OutputDataConfig: { ...r.outputDataConfig },
      ResourceConfig: structuredClone(r.resourceConfig),
      ...(r.vpcConfig ? { VpcConfig: structuredClone(r.vpcConfig) } : {}),
      StoppingCondition: { ...r.stopping },
      CreationTime: time(this.createdAt),
      ...at('TrainingStartTime', this.startTime),
      ...at('TrainingEndTime', this.endTime),
      LastModifiedTime: time(this.lastModified),
      SecondaryStatusTransitions: this.transitions.map((t) => ({
        Status: t.Status,
        StartTime: time(t.StartTime),
        ...(t.EndTime !== undefined ? { EndTime: time(t.EndTime) } : {}),
        StatusMessage: t.StatusMessage,
      })),
      ModelArtifacts: artifact ? { S3ModelArtifacts: artifact } : {},
      ...(r.checkpoint ? { CheckpointConfig: { ...r.checkpoint } } : {}),
      ...(this.tuningJobArn ? { TuningJobArn: this.tuningJobArn } : {}),
    };
  }

  /** DescribeTrainingJob's answer. */
  describe(): Record<string, unknown> {
    const r = this.request;
    const ended = this.endTime;
    return {
      ...this.fields((ms) => new Date(ms)),
      ...(this.status === 'Completed'
        ? {
            FinalMetricDataList: Object.entries(this.metrics).map(([MetricName, Value]) => ({
              MetricName,
              Value,
              Timestamp: new Date(ended ?? this.lastModified),
            })),
          }
        : {}),
      EnableNetworkIsolation: r.networkIsolation,
      EnableInterContainerTrafficEncryption: r.interContainerEncryption,
      EnableManagedSpotTraining: r.spot,
      ...(this.trainingSeconds !== undefined
        ? { TrainingTimeInSeconds: this.trainingSeconds, BillableTimeInSeconds: this.billableSeconds }
        : {}),
    };
  }

  /**
   * The `SageMaker Training Job State Change` detail: epoch-ms times, `Tags` as a map, `VpcConfig: {}` when
   * none, and — as docs/aws-events.md records — no FinalMetricDataList, BillableTimeInSeconds,
   * TrainingTimeInSeconds or EnableManagedSpotTraining.
   */
  eventDetail(tags: Record<string, string>): Record<string, unknown> {
    return { VpcConfig: {}, ...this.fields((ms) => ms), Tags: tags };
  }

  /** ListTrainingJobs' summary. */
  summary(): Record<string, unknown> {
    return {
      TrainingJobName: this.name,
      TrainingJobArn: this.arn,
      CreationTime: new Date(this.createdAt),
      ...(this.endTime !== undefined ? { TrainingEndTime: new Date(this.endTime) } : {}),
      LastModifiedTime: new Date(this.lastModified),
      TrainingJobStatus: this.status,
      SecondaryStatus: this.secondaryStatus,
    };
  }
}
