// Opt-in rightsizing with Inference Recommender (`costSweep.inferenceRecommender`): for each oversized variant
// serving a model package, one Default job on that package — started by one sweep, read by the next — whose
// cheapest recommendation, priced by AWS's own CostPerHour, replaces the table's one-size-down guess.
import { createHash } from 'node:crypto';
import type { SageMakerRecommenderAdapter } from '../aws/sagemaker-recommender';
import { HOURS_PER_MONTH, round } from '../domain/cost/prices';
import type { Finding } from '../domain/cost/findings';
import type { Survey } from './cost-survey';

/** One job per package, found again by every later sweep: `shepherd-rec-<hash>` (≤ 64 characters). */
export const recommendationJobName = (packageArn: string) =>
  `shepherd-rec-${createHash('sha256').update(packageArn).digest('hex').slice(0, 16)}`;

export async function recommend(recommender: SageMakerRecommenderAdapter, roleArn: string, s: Survey): Promise<void> {
  for (const [i, f] of s.findings.entries()) {
    if (f.kind !== 'oversized-endpoint') continue;
    try {
      s.findings[i] = await recommendFor(recommender, roleArn, s, f);
    } catch (err) {
      s.failures.push({
        resource: f.resource,
        error: `Inference Recommender: ${(err as Error).name}: ${(err as Error).message}`,
      });
    }
  }
}

async function recommendFor(
  recommender: SageMakerRecommenderAdapter,
  roleArn: string,
  s: Survey,
  f: Finding,
): Promise<Finding> {
  const [endpointName, variantName] = [f.resource.slice(0, f.resource.lastIndexOf('/')), f.resource.split('/').at(-1)];
  const endpoint = s.endpoints.get(endpointName);
  const spec = s.configs
    .get(endpoint?.configName ?? '')
    ?.ProductionVariants?.find((v) => v.VariantName === variantName);
  const count = endpoint?.variants.find((v) => v.name === variantName)?.instanceCount ?? 1;
  const pkg = spec?.ModelName ? await recommender.modelPackageOf(spec.ModelName) : undefined;
  if (!pkg) return { ...f, evidence: `${f.evidence}; its model serves no model package to recommend from` };
  const name = recommendationJobName(pkg);
  const job = await recommender.job(name);
  if (!job) {
    await recommender.start(name, roleArn, pkg);
    return { ...f, evidence: `${f.evidence}; Inference Recommender job ${name} started on ${pkg}` };
  }
  if (!job.cheapest) return { ...f, evidence: `${f.evidence}; Inference Recommender job ${name} is ${job.status}` };
  const { instanceType, costPerHour } = job.cheapest;
  const then = round(costPerHour * HOURS_PER_MONTH * count);
  const saving = f.monthlyCostUsd === null ? null : Math.max(0, round(f.monthlyCostUsd - then));
  return {
    ...f,
    evidence: `${f.evidence}; Inference Recommender (${name}) recommends ${instanceType} at $${costPerHour}/h`,
    monthlySavingUsd: saving,
    estimate:
      saving === null
        ? f.estimate
        : 'estimate: the current type at table prices against Inference Recommender’s CostPerHour',
  };
}
