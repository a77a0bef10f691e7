// Model Monitor's data-quality job definitions (Create/DescribeDataQualityJobDefinition): what a schedule runs —
// the endpoint it watches, the baseline it compares with, and where its executions write.
import { AwsError } from '../core';
import { invalid, isRoleArn, requireName, s3, str } from './monitoring-input';
import { arn, type Context } from './shared';
import type { Json } from './validation';

export class JobDefinitions {
  private readonly definitions = new Map<string, Json>();

  constructor(private readonly ctx: Context) {}

  has(name: string): boolean {
    return this.definitions.has(name);
  }

  /** The definition as created (with its JobDefinitionArn). */
  get(name: string): Json | undefined {
    return this.definitions.get(name);
  }

  /** The endpoint the definition watches: undefined if there is no such definition. */
  endpointOf(name: string): unknown {
    const d = this.definitions.get(name) ?? {};
    return ((d.DataQualityJobInput as Json | undefined)?.EndpointInput as Json | undefined)?.EndpointName;
  }

  create(input: Json): unknown {
    const name = requireName(input.JobDefinitionName, 'JobDefinitionName');
    if (this.definitions.has(name)) throw new AwsError('ResourceInUse', `Job definition ${name} already exists`);
    const app = (input.DataQualityAppSpecification ?? {}) as Json;
    if (!str(app.ImageUri)) throw invalid('DataQualityAppSpecification.ImageUri is required');
    const endpoint = ((input.DataQualityJobInput as Json | undefined)?.EndpointInput as Json | undefined)?.EndpointName;
    requireName(endpoint, 'DataQualityJobInput.EndpointInput.EndpointName');
    const baseline = (input.DataQualityBaselineConfig ?? {}) as Json;
    s3((baseline.ConstraintsResource as Json | undefined)?.S3Uri, 'ConstraintsResource.S3Uri');
    s3((baseline.StatisticsResource as Json | undefined)?.S3Uri, 'StatisticsResource.S3Uri');
    const outputs = ((input.DataQualityJobOutputConfig as Json | undefined)?.MonitoringOutputs ?? []) as Json[];
    s3((outputs[0]?.S3Output as Json | undefined)?.S3Uri, 'MonitoringOutputs.0.S3Output.S3Uri');
    if (!isRoleArn(input.RoleArn)) throw invalid('RoleArn is not a role ARN');
    const runtime = Number((input.StoppingCondition as Json | undefined)?.MaxRuntimeInSeconds ?? 3600);
    if (runtime > 3600) throw invalid('MaxRuntimeInSeconds must be at most 3600 for an hourly data quality job');
    const definitionArn = arn(`data-quality-job-definition/${name.toLowerCase()}`);
    this.definitions.set(name, { ...structuredClone(input), JobDefinitionArn: definitionArn });
    this.ctx.timeline.log('sagemaker', `data-quality job definition ${name} for ${String(endpoint)}`);
    return { JobDefinitionArn: definitionArn };
  }

  describe(input: Json): unknown {
    const d = this.definitions.get(str(input.JobDefinitionName) ?? '');
    if (!d) throw new AwsError('ResourceNotFound', `Could not find job definition ${String(input.JobDefinitionName)}`);
    const { Tags: _tags, ...rest } = d;
    return { ...rest, CreationTime: new Date(this.ctx.clock.now()) };
  }
}
