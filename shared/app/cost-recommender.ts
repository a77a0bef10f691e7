// Opt-in rightsizing with Inference Recommender (`costSweep.inferenceRecommender`): for each oversized variant
// serving a model package, one Default job on that package — started by one sweep, read by the next — whose
// cheapest recommendation, priced by AWS's own CostPerHour, replaces the table's one-size-down guess.
import { createHash } from 'node:crypto';
import type { Recommendation, SageMakerRecommenderAdapter } from '../aws/sagemaker-recommender';
import { HOURS_PER_MONTH, round } from '../domain/cost/prices';
import type { Finding } from '../domain/cost/findings';
import type { Survey } from './cost-survey';

/**
 * Jobs started on one package before Shepherd gives up: a job that failed (a container that fails its health check,
 * no instance type that fits) mostly fails again, and each attempt benchmarks for up to an hour at the account's cost.
 */
export const RECOMMENDATION_ATTEMPTS = 3;

/**
 * One job per package and attempt, found again by every later sweep: `shepherd-rec-<hash>`, then `…-r2`, `…-r3`
 * (32 characters at most; a job name takes 63 and no underscore).
 */
export function recommendationJobName(packageArn: string, attempt = 1): string {
  const hash = createHash('sha256').update(packageArn).digest('hex').slice(0, 16);
  return `shepherd-rec-${hash}${attempt > 1 ? `-r${attempt}` : ''}`;
}

/** Only a FAILED job is retried: one someone stopped stays stopped. */
const RETRIED = 'FAILED';

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
  // The first attempt whose job did not fail: a later sweep reads it where an earlier one started it.
  let last: { name: string; failureReason?: string } | undefined;
  for (let attempt = 1; attempt <= RECOMMENDATION_ATTEMPTS; attempt++) {
    const name = recommendationJobName(pkg, attempt);
    const job = await recommender.job(name);
    if (!job) {
      await recommender.start(name, roleArn, pkg);
      const of = attempt > 1 ? ` (attempt ${attempt} of ${RECOMMENDATION_ATTEMPTS})` : '';
      return { ...f, evidence: `${f.evidence}; Inference Recommender job ${name} started on ${pkg}${of}` };
    }
    if (job.status === RETRIED) {
      last = { name, ...(job.failureReason ? { failureReason: job.failureReason } : {}) };
      continue;
    }
    if (!job.cheapest) return { ...f, evidence: `${f.evidence}; Inference Recommender job ${name} is ${job.status}` };
    return priced(f, name, job.cheapest, count);
  }
  const why = `${last?.name}: ${last?.failureReason ?? 'no reason given'}`;
  return {
    ...f,
    evidence: `${f.evidence}; Inference Recommender failed ${RECOMMENDATION_ATTEMPTS} times, no more retries (${why})`,
  };
}

/** The finding priced by the job's cheapest recommendation, at AWS's own CostPerHour. */
function priced(f: Finding, name: string, cheapest: Recommendation, count: number): Finding {
  const { instanceType, costPerHour } = cheapest;
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
