import {
  CreateHyperParameterTuningJobCommand,
  CreateModelPackageCommand,
  CreateTrainingJobCommand,
  DescribeHyperParameterTuningJobCommand,
  DescribeModelPackageCommand,
  DescribePipelineExecutionCommand,
  DescribeTrainingJobCommand,
  ListModelPackagesCommand,
  ResourceInUse,
  StartPipelineExecutionCommand,
  UpdateModelPackageCommand,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import type { CompletedTraining, ProductionModel, TrainingObservation } from '../domain/retraining/outcomes';
import type { PackageVerdict, PackageView } from '../domain/registry/decision';
import type { ModelPackageRequest, PipelineExecutionRequest, TrainingJobRequest } from '../domain/retraining/requests';
import type { TuningJobRequest } from '../domain/retraining/tuning';
import { isNotFound } from './sagemaker-errors';

export interface TrainingDescription extends TrainingObservation, Omit<CompletedTraining, 'jobName' | 'tuning'> {}

/** A tuning job as DescribeHyperParameterTuningJob shows it; the event never names the best job. */
export interface TuningDescription extends TrainingObservation {
  arn?: string;
  best?: { name: string; hyperparameters: Record<string, string>; objective?: number };
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

  /** The newest Approved package of the group, with its objective metric when Shepherd registered it. */
  async productionModel(group: string, metric: string): Promise<ProductionModel | undefined> {
    const list = await this.client.send(
      new ListModelPackagesCommand({
        ModelPackageGroupName: group,
        ModelApprovalStatus: 'Approved',
        SortBy: 'CreationTime',
        SortOrder: 'Descending',
        MaxResults: 1,
      }),
    );
    const arn = list.ModelPackageSummaryList?.[0]?.ModelPackageArn;
    if (!arn) return undefined;
    const pkg = await this.client.send(new DescribeModelPackageCommand({ ModelPackageName: arn }));
    const raw = pkg.CustomerMetadataProperties?.[`shepherd:metric:${metric}`];
    const value = raw === undefined ? NaN : Number(raw);
    return { modelPackageArn: arn, ...(Number.isFinite(value) ? { metric: value } : {}) };
  }

  /**
   * Version `version` of the group's packages, else its newest, with its approval status and description;
   * undefined when there is none. Versions grow with creation time, so the pages stop once past it.
   */
  async modelPackage(group: string, version?: number): Promise<PackageView | undefined> {
    let NextToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListModelPackagesCommand({
          ModelPackageGroupName: group,
          SortBy: 'CreationTime',
          SortOrder: 'Descending',
          MaxResults: version === undefined ? 1 : 100,
          ...(NextToken ? { NextToken } : {}),
        }),
      );
      const summaries = page.ModelPackageSummaryList ?? [];
      const found = version === undefined ? summaries[0] : summaries.find((p) => p.ModelPackageVersion === version);
      if (found?.ModelPackageArn) return this.describeModelPackage(found.ModelPackageArn);
      if (version === undefined || summaries.some((p) => (p.ModelPackageVersion ?? 0) < version)) return undefined;
      NextToken = page.NextToken;
    } while (NextToken);
    return undefined;
  }

  /** A package with its approval status and description; undefined when it does not exist. */
  async modelPackageByArn(arn: string): Promise<PackageView | undefined> {
    try {
      return await this.describeModelPackage(arn);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  private async describeModelPackage(arn: string): Promise<PackageView> {
    const p = await this.client.send(new DescribeModelPackageCommand({ ModelPackageName: arn }));
    return {
      arn,
      group: p.ModelPackageGroupName ?? '',
      version: p.ModelPackageVersion ?? Number(arn.split('/').pop()),
      status: p.ModelApprovalStatus ?? 'Unknown',
      ...(p.ApprovalDescription ? { description: p.ApprovalDescription } : {}),
      ...(p.CreationTime ? { createdAt: p.CreationTime.toISOString() } : {}),
    };
  }

  /** A human's approval or rejection, with who and why in the description the registry keeps. */
  async decideModelPackage(ModelPackageArn: string, status: PackageVerdict, description: string): Promise<void> {
    await this.client.send(
      new UpdateModelPackageCommand({
        ModelPackageArn,
        ModelApprovalStatus: status,
        ApprovalDescription: description.slice(0, 1024),
      }),
    );
  }
}
