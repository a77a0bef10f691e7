// Baselining jobs as Model Monitor's analyzer runs them (CreateProcessingJob): done in 10 minutes, leaving
// constraints.json and statistics.json in their output.
import { AwsError } from '../core';
import { isRoleArn, invalid, requireName, RUN_MS, s3, str } from './monitoring-input';
import { arn, type Context } from './shared';
import type { Json } from './validation';

interface Job {
  status: string;
  output: string;
  createdAt: number;
}

export class Baselining {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly ctx: Context,
    private readonly putObject: (uri: string, body: string) => void,
  ) {}

  has(name: string): boolean {
    return this.jobs.has(name);
  }

  create(input: Json, taken: (name: string) => boolean): unknown {
    const name = requireName(input.ProcessingJobName, 'ProcessingJobName');
    if (this.jobs.has(name) || taken(name))
      throw new AwsError('ResourceInUse', `Processing job ${name} already exists`);
    if (!str((input.AppSpecification as Json | undefined)?.ImageUri))
      throw invalid('AppSpecification.ImageUri is required');
    if (!isRoleArn(input.RoleArn)) throw invalid('RoleArn is not a role ARN');
    const inputs = (input.ProcessingInputs ?? []) as Json[];
    s3((inputs[0]?.S3Input as Json | undefined)?.S3Uri, 'ProcessingInputs.0.S3Input.S3Uri');
    const outputs = ((input.ProcessingOutputConfig as Json | undefined)?.Outputs ?? []) as Json[];
    const output = s3((outputs[0]?.S3Output as Json | undefined)?.S3Uri, 'Outputs.0.S3Output.S3Uri').replace(
      /\/+$/,
      '',
    );
    const job: Job = { status: 'InProgress', output, createdAt: this.ctx.clock.now().getTime() };
    this.jobs.set(name, job);
    this.ctx.timeline.log('sagemaker', `baselining job ${name} InProgress`);
    this.ctx.clock.after(RUN_MS, () => {
      job.status = 'Completed';
      this.putObject(`${output}/constraints.json`, JSON.stringify({ version: 0, features: [] }));
      this.putObject(`${output}/statistics.json`, JSON.stringify({ version: 0, dataset: {}, features: [] }));
      this.ctx.timeline.log('sagemaker', `baselining job ${name} Completed: ${output}/constraints.json`);
    });
    return { ProcessingJobArn: arn(`processing-job/${name}`) };
  }

  /** DescribeProcessingJob's answer for a baselining job; undefined if there is none of that name. */
  describe(name: string): Json | undefined {
    const job = this.jobs.get(name);
    if (!job) return undefined;
    return {
      ProcessingJobName: name,
      ProcessingJobArn: arn(`processing-job/${name}`),
      ProcessingJobStatus: job.status,
      ProcessingOutputConfig: { Outputs: [{ OutputName: 'monitoring_output', S3Output: { S3Uri: job.output } }] },
      CreationTime: new Date(job.createdAt),
    };
  }
}
