// The SageMaker requests a model line's runs need: training and tuning jobs, pipeline executions, and the model
// packages they register. How a job's description reads for the domain is in ./sagemaker-descriptions.ts.
import {
  CreateHyperParameterTuningJobCommand,
  CreateModelPackageCommand,
  CreateTrainingJobCommand,
  DescribeHyperParameterTuningJobCommand,
  DescribeModelPackageCommand,
  DescribePipelineExecutionCommand,
  DescribeTrainingJobCommand,
  ListModelPackagesCommand,
  paginateListPipelineExecutionSteps,
  ResourceInUse,
  StartPipelineExecutionCommand,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import type { ProductionModel, TrainingObservation } from '../domain/retraining/observations';
import type { RegisteredPackage } from '../domain/retraining/pipeline';
import { metricKey, type ModelPackageRequest } from '../domain/retraining/package-request';
import type { PipelineExecutionRequest, TrainingJobRequest, TuningJobRequest } from '../domain/retraining/requests';
import type { TuningDescription } from '../domain/retraining/tuning-ended';
import { newestApprovedInput } from './newest-approved';
import { trainingDescription, tuningDescription, type TrainingDescription } from './sagemaker-descriptions';
import { isNotFound } from './sagemaker-errors';

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
      return trainingDescription(name, j);
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
      return tuningDescription(name, job);
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
    const input = { PipelineExecutionArn: executionArn, SortOrder: 'Ascending' } as const;
    const arns: string[] = [];
    for await (const page of paginateListPipelineExecutionSteps({ client: this.client, pageSize: 100 }, input)) {
      for (const step of page.PipelineExecutionSteps ?? []) {
        const arn = step.Metadata?.RegisterModel?.Arn;
        if (arn) arns.push(arn);
      }
    }
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
