// Inference Recommender for oversized endpoints (opt-in): the model package an endpoint's model serves, a Default
// recommendation job on that package (never a load test of the live endpoint), and the job's results, whose
// CostPerHour is AWS's own price. Starting a job whose name exists is done: the name is derived from the package and
// the attempt.
import {
  CreateInferenceRecommendationsJobCommand,
  DescribeInferenceRecommendationsJobCommand,
  DescribeModelCommand,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { isNotFound } from './sagemaker-errors';

export interface Recommendation {
  instanceType: string;
  costPerHour: number;
}

export class SageMakerRecommenderAdapter {
  constructor(private readonly client: SageMakerClient) {}

  /** The versioned model package the model serves, if it serves one. */
  async modelPackageOf(ModelName: string): Promise<string | undefined> {
    const m = await this.client.send(new DescribeModelCommand({ ModelName }));
    return [m.PrimaryContainer, ...(m.Containers ?? [])].find((c) => c?.ModelPackageName)?.ModelPackageName;
  }

  /** The job's status and, once Completed, its cheapest recommendation; undefined when there is no such job. */
  async job(
    JobName: string,
  ): Promise<{ status: string; failureReason?: string; cheapest?: Recommendation } | undefined> {
    try {
      const j = await this.client.send(new DescribeInferenceRecommendationsJobCommand({ JobName }));
      const priced = (j.InferenceRecommendations ?? []).flatMap((r) =>
        r.Metrics?.CostPerHour !== undefined && r.EndpointConfiguration?.InstanceType
          ? [{ instanceType: r.EndpointConfiguration.InstanceType, costPerHour: r.Metrics.CostPerHour }]
          : [],
      );
      const cheapest = priced.sort((a, b) => a.costPerHour - b.costPerHour)[0];
      const failed = j.FailureReason ? { failureReason: j.FailureReason } : {};
      return { status: j.Status ?? 'Unknown', ...failed, ...(cheapest ? { cheapest } : {}) };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async start(JobName: string, RoleArn: string, ModelPackageVersionArn: string): Promise<void> {
    try {
      await this.client.send(
        new CreateInferenceRecommendationsJobCommand({
          JobName,
          JobType: 'Default',
          RoleArn,
          InputConfig: { ModelPackageVersionArn },
          JobDescription: 'Shepherd cost sweep: rightsizing an oversized endpoint',
        }),
      );
    } catch (err) {
      if ((err as Error).name !== 'ResourceInUse') throw err;
    }
  }
}
