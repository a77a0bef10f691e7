// Inference Recommender Default jobs, as a cost sweep starts and reads them: a job on a registered model package
// version runs for 45 virtual minutes, then COMPLETED with one recommendation per candidate type, each with a
// CostPerHour (the prices of the Developer Guide's sample output). A second job of the same name is ResourceInUse;
// an unknown one ResourceNotFound.
import { AwsError } from '../core';
import { lowerArn, nameIn, Resources } from './resources';
import type { Context } from './shared';
import { Checker, P, type Json } from './validation';

const RUN_MS = 45 * 60_000;
/** The candidates and CostPerHour of the Inference Recommender sample output in the Developer Guide. */
const CANDIDATES = [
  { InstanceType: 'ml.m5.large', CostPerHour: 0.115 },
  { InstanceType: 'ml.c5.xlarge', CostPerHour: 0.204 },
];

class Job {
  status = 'IN_PROGRESS';
  constructor(
    readonly name: string,
    readonly arn: string,
    readonly request: Json,
    readonly createdAt: number,
  ) {}
}

export class Recommendations {
  private readonly jobs: Resources<Job>;

  constructor(
    private readonly ctx: Context,
    private readonly packageExists: (arn: string) => boolean,
  ) {
    this.jobs = new Resources<Job>(
      {
        arn: lowerArn('inference-recommendations-job'),
        exists: (found) => new AwsError('ResourceInUse', `Job ${found.arn} already exists`),
        missing: (asked) => new AwsError('ResourceNotFound', `Job ${asked} not found`),
      },
      ctx.tags,
    );
  }

  has(resourceArn: string): boolean {
    return this.jobs.has(resourceArn);
  }

  create(input: Json): { JobArn: string } {
    const c = new Checker();
    c.required(input.JobName, 'jobName');
    const name = c.string(input.JobName, 'jobName', { min: 1, max: 64, pattern: P.entityName }) ?? '';
    c.required(input.JobType, 'jobType');
    c.string(input.JobType, 'jobType', { enum: ['Default', 'Advanced'] });
    c.required(input.RoleArn, 'roleArn');
    c.string(input.RoleArn, 'roleArn', { min: 20, max: 2048, pattern: P.roleArn });
    c.required(input.InputConfig, 'inputConfig');
    const config = c.struct(input.InputConfig, 'inputConfig') ?? {};
    const pkg = c.string(config.ModelPackageVersionArn, 'inputConfig.modelPackageVersionArn', {
      min: 1,
      max: 2048,
      pattern: P.modelPackageArn,
    });
    c.done();
    if (!pkg || !this.packageExists(pkg))
      throw new AwsError('ValidationException', `Model package ${pkg ?? '(none)'} does not exist.`);
    const now = this.ctx.clock.now().getTime();
    const job = this.jobs.add(name, (arn) => new Job(name, arn, structuredClone(input), now));
    this.ctx.timeline.log('sagemaker', `inference recommendations job ${name} on ${pkg}`);
    this.ctx.clock.after(RUN_MS, () => {
      job.status = 'COMPLETED';
      this.ctx.timeline.log('sagemaker', `inference recommendations job ${name} COMPLETED`);
    });
    return { JobArn: job.arn };
  }

  describe(input: Json): Json {
    const job = this.jobs.require(nameIn(input, 'JobName', { min: 1, max: 64, pattern: P.entityName }));
    return {
      JobName: job.name,
      JobArn: job.arn,
      JobType: job.request.JobType,
      RoleArn: job.request.RoleArn,
      Status: job.status,
      CreationTime: new Date(job.createdAt),
      LastModifiedTime: new Date(job.status === 'COMPLETED' ? job.createdAt + RUN_MS : job.createdAt),
      InputConfig: job.request.InputConfig,
      ...(job.status === 'COMPLETED'
        ? {
            CompletionTime: new Date(job.createdAt + RUN_MS),
            InferenceRecommendations: CANDIDATES.map((c, i) => ({
              RecommendationId: `${job.name}-${i + 1}`,
              Metrics: { CostPerHour: c.CostPerHour, CostPerInference: c.CostPerHour / 60_000 },
              EndpointConfiguration: {
                EndpointName: `${job.name}-${i + 1}`,
                VariantName: 'AllTraffic',
                InstanceType: c.InstanceType,
                InitialInstanceCount: 1,
              },
              ModelConfiguration: {},
            })),
          }
        : {}),
    };
  }
}
