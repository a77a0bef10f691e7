import {
  CreateHyperParameterTuningJobCommand,
  CreateModelPackageCommand,
  CreateTrainingJobCommand,
  DescribeHyperParameterTuningJobCommand,
  type DescribeHyperParameterTuningJobCommandOutput,
  DescribeModelPackageCommand,
  DescribePipelineExecutionCommand,
  DescribeTrainingJobCommand,
  ListModelPackagesCommand,
  ListPipelineExecutionStepsCommand,
  ResourceInUse,
  StartPipelineExecutionCommand,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import type { CompletedTraining, ProductionModel, TrainingObservation } from '../domain/retraining/outcomes';
import type { RegisteredPackage } from '../domain/retraining/pipeline';
import { metricKey, type ModelPackageRequest } from '../domain/retraining/package-request';
import type { PipelineExecutionRequest, TrainingJobRequest, TuningJobRequest } from '../domain/retraining/requests';
import type { TuningDescription } from '../domain/retraining/tuning-ended';
import { newestApprovedInput } from './newest-approved';
import { isNotFound } from './sagemaker-errors';

export interface TrainingDescription extends TrainingObservation, Omit<CompletedTraining, 'jobName' | 'tuning'> {}

export type { TuningDescription } from '../domain/retraining/tuning-ended';

/** A tuning job's runtime limit and how long it ran, which tell a stop at the limit from a stop by hand. */
function runtimeOf(job: DescribeHyperParameterTuningJobCommandOutput): {
  maxRuntimeSeconds?: number;
  runtimeSeconds?: number;
} {
  const limit = job.HyperParameterTuningJobConfig?.ResourceLimits?.MaxRuntimeInSeconds;
  const { CreationTime: from, HyperParameterTuningEndTime: to } = job;
  const ran =
    job.ConsumedResources?.RuntimeInSeconds ??
    (from && to ? Math.round((to.getTime() - from.getTime()) / 1000) : undefined);
  return {
    ...(limit !== undefined ? { maxRuntimeSeconds: limit } : {}),
    ...(ran !== undefined ? { runtimeSeconds: ran } : {}),
  };
}

export class SageMakerAdapter {
  constructor(private readonly client: SageMakerClient) {}

  /** Deterministic names make a repeated create harmless: an existing job is the one we asked for. */
  async createTrainingJob(request: TrainingJobRequest): Promise<'created' | 'exists'> {
    try {
      await this.client.send(new CreateTrainingJobCommand(request));
      return 'created';
    } catch (err) {
      if (err instanceof ResourceInUse) return 'exists';
      throw err;
    }
  }

  async describeTrainingJob(name: string): Promise<TrainingDescription | undefined> {
    try {
      const j = await this.client.send(new DescribeTrainingJobCommand({ TrainingJobName: name }));
      return {
        name,
        status: j.TrainingJobStatus ?? 'Unknown',
        ...(j.SecondaryStatus ? { secondaryStatus: j.SecondaryStatus } : {}),
        ...(j.FailureReason ? { failureReason: j.FailureReason } : {}),
        metrics: Object.fromEntries(
          (j.FinalMetricDataList ?? [])
            .filter((m) => m.MetricName && m.Value !== undefined)
            .map((m) => [m.MetricName!, m.Value!]),
        ),
        artifactUri: j.ModelArtifacts?.S3ModelArtifacts ?? '',
        image: j.AlgorithmSpecification?.TrainingImage ?? '',
        ...(j.TrainingTimeInSeconds !== undefined ? { trainingSeconds: j.TrainingTimeInSeconds } : {}),
        ...(j.BillableTimeInSeconds !== undefined ? { billableSeconds: j.BillableTimeInSeconds } : {}),
      };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** No client token: the deterministic name is the key, and ResourceInUse says the job asked for exists. */
  async createTuningJob(request: TuningJobRequest): Promise<'created' | 'exists'> {
    try {
      await this.client.send(new CreateHyperParameterTuningJobCommand(request));
      return 'created';
    } catch (err) {
      if (err instanceof ResourceInUse) return 'exists';
      throw err;
    }
  }

  async describeTuningJob(name: string): Promise<TuningDescription | undefined> {
    try {
      const job = await this.client.send(
        new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: name }),
      );
      const best = job.BestTrainingJob;
      return {
        name,
        status: job.HyperParameterTuningJobStatus ?? 'Unknown',
        ...(job.HyperParameterTuningJobArn ? { arn: job.HyperParameterTuningJobArn } : {}),
        ...(job.FailureReason ? { failureReason: job.FailureReason } : {}),
        ...runtimeOf(job),
        ...(best?.TrainingJobName
          ? {
              best: {
                name: best.TrainingJobName,
                hyperparameters: best.TunedHyperParameters ?? {},
                ...(best.FinalHyperParameterTuningJobObjectiveMetric?.Value !== undefined
                  ? { objective: best.FinalHyperParameterTuningJobObjectiveMetric.Value }
                  : {}),
              },
            }
          : {}),
      };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** The ClientRequestToken makes a repeated start return the same execution. */
  async startPipelineExecution(request: PipelineExecutionRequest): Promise<string> {
    const out = await this.client.send(new StartPipelineExecutionCommand(request));
    if (!out.PipelineExecutionArn)
      throw new Error(`StartPipelineExecution of ${request.PipelineName} returned no execution ARN`);
    return out.PipelineExecutionArn;
  }

  async describePipelineExecution(executionArn: string): Promise<TrainingObservation | undefined> {
    try {
      const e = await this.client.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: executionArn }));
      return {
        name: e.PipelineExecutionDisplayName ?? '',
        status: e.PipelineExecutionStatus ?? 'Unknown',
        executionArn,
        ...(e.FailureReason ? { failureReason: e.FailureReason } : {}),
      };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** The ClientToken makes a repeated registration return the same package. */
  async createModelPackage(request: ModelPackageRequest): Promise<string> {
    const out = await this.client.send(new CreateModelPackageCommand(request));
    if (!out.ModelPackageArn) throw new Error(`CreateModelPackage in ${request.ModelPackageGroupName} returned no ARN`);
    return out.ModelPackageArn;
  }

  /** The group's newest package created after `since` (what a pipeline execution registered); undefined: none. */
  async registeredSince(group: string, since: Date): Promise<RegisteredPackage | undefined> {
    const list = await this.client.send(
      new ListModelPackagesCommand({
        ModelPackageGroupName: group,
        CreationTimeAfter: since,
        SortBy: 'CreationTime',
        SortOrder: 'Descending',
        MaxResults: 1,
      }),
    );
    const newest = list.ModelPackageSummaryList?.[0];
    return newest?.ModelPackageArn
      ? { arn: newest.ModelPackageArn, approvalStatus: newest.ModelApprovalStatus ?? 'Unknown' }
      : undefined;
  }

  /**
   * The model packages an execution's RegisterModel steps report (`Metadata.RegisterModel.Arn`), oldest step first:
   * what the execution itself registered, known before the group's listing shows it.
   */
  async packagesRegisteredBy(executionArn: string): Promise<string[]> {
    const arns: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListPipelineExecutionStepsCommand({
          PipelineExecutionArn: executionArn,
          SortOrder: 'Ascending',
          MaxResults: 100,
          ...(NextToken ? { NextToken } : {}),
        }),
      );
      for (const step of page.PipelineExecutionSteps ?? []) {
        const arn = step.Metadata?.RegisterModel?.Arn;
        if (arn) arns.push(arn);
      }
      NextToken = page.NextToken;
    } while (NextToken);
    return arns;
  }

  /** A package's approval status; undefined when it no longer exists. */
  async modelPackage(arn: string): Promise<RegisteredPackage | undefined> {
    try {
      const pkg = await this.client.send(new DescribeModelPackageCommand({ ModelPackageName: arn }));
      return { arn, approvalStatus: pkg.ModelApprovalStatus ?? 'Unknown' };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** The newest Approved package of the group, with its objective metric when Shepherd registered it. */
  async productionModel(group: string, metric: string): Promise<ProductionModel | undefined> {
    const list = await this.client.send(new ListModelPackagesCommand(newestApprovedInput(group)));
    const arn = list.ModelPackageSummaryList?.[0]?.ModelPackageArn;
    if (!arn) return undefined;
    const pkg = await this.client.send(new DescribeModelPackageCommand({ ModelPackageName: arn }));
    const raw = pkg.CustomerMetadataProperties?.[metricKey(metric)];
    const value = raw === undefined ? NaN : Number(raw);
    return { modelPackageArn: arn, ...(Number.isFinite(value) ? { metric: value } : {}) };
  }
}
