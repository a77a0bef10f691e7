// What a sweep reads of the endpoints: every endpoint's config, whatever its status (the models it names are in use),
// and the serving variants' usage, for the pure endpoint findings (shared/domain/cost/endpoints.ts).
import type { CostMetricsAdapter, VariantToRead } from '../aws/cost-metrics';
import { usageKey } from '../aws/cost-metrics';
import { settleBounded } from '../aws/bounded';
import { isNotFound } from '../aws/sagemaker-errors';
import type { EndpointConfigCopy, SageMakerCostAdapter, SweptEndpoint } from '../aws/sagemaker-cost';
import type { CostSweepConfig } from '../config/cost-schema';
import { endpointFindings, type EndpointSeen } from '../domain/cost/endpoints';
import { RESTORED_TAG } from '../domain/cost/enforcement';
import type { Finding } from '../domain/cost/findings';
import type { PriceTable } from '../domain/cost/prices';
import { reasonOf, type SweepFailure } from './sweep-failures';

export interface EndpointSurveyDeps {
  sagemaker: SageMakerCostAdapter;
  cloudwatch: CostMetricsAdapter;
  config: CostSweepConfig;
  prices: PriceTable;
  region: string;
}
/** What the endpoints' survey leaves for the rest of the sweep: the configs read, and what could not be read. */
export interface ConfigsRead {
  failures: SweepFailure[];
  /** The config of every endpoint, whatever its status, but those deleted under it or not read. */
  configs: Map<string, EndpointConfigCopy>;
  /**
   * Endpoint configs whose models are not known: not read, or deleted from under an endpoint that still runs them
   * (DescribeEndpoint's variants name no model, docs/cost-sweeps.md).
   */
  unreadConfigs: Set<string>;
}

const DAY_MS = 86_400_000;
// GPU utilization is published only by accelerated instances; asking others for it costs queries for nothing.
const GPU_FAMILY = /^ml\.(g\d|p\d|gr\d)/;

/** The endpoints' findings; reads every endpoint's config into `s`, and what it could not read into its failures. */
export async function surveyEndpoints(
  deps: EndpointSurveyDeps,
  endpoints: SweptEndpoint[],
  s: ConfigsRead,
  now: Date,
): Promise<Finding[]> {
  const { sagemaker, cloudwatch, config, prices, region } = deps;
  // Every endpoint's config, not only a serving one's: an updating or failed endpoint's names models in use too.
  const names = [...new Set(endpoints.map((e) => e.configName).filter(Boolean))];
  const read = await settleBounded(names, config.concurrency, (n) => sagemaker.endpointConfig(n));
  const serving = endpoints.filter((e) => e.status === 'InService');
  read.forEach((r, i) => {
    const name = names[i]!;
    if (r.status === 'fulfilled') return void s.configs.set(name, r.value);
    // Its endpoint still serves the models it named, and nothing else says which: they are not known to be unused.
    s.unreadConfigs.add(name);
    if (isNotFound(r.reason)) return;
    // A serving endpoint's is reported against the endpoint, below.
    if (!serving.some((e) => e.configName === name))
      s.failures.push({ resource: name, error: `endpoint config: ${reasonOf(r.reason)}` });
  });
  const readable = serving.filter((e) => {
    const r = read[names.indexOf(e.configName)];
    if (r?.status === 'rejected')
      s.failures.push({ resource: e.name, error: `endpoint config: ${reasonOf(r.reason)}` });
    return r?.status === 'fulfilled';
  });
  // An endpoint hosting inference components names no model in its config, and its traffic is published per component.
  const hostsComponents = (e: SweptEndpoint) =>
    (s.configs.get(e.configName)?.ProductionVariants ?? []).every((v) => v.ModelName === undefined);
  const typeOf = (e: SweptEndpoint, variant: string) =>
    s.configs.get(e.configName)?.ProductionVariants?.find((v) => v.VariantName === variant)?.InstanceType;
  const toRead: VariantToRead[] = readable
    .filter((e) => !hostsComponents(e))
    .flatMap((e) =>
      e.variants.map((v) => ({
        endpoint: e.name,
        variant: v.name,
        serverless: v.serverless,
        gpu: GPU_FAMILY.test(typeOf(e, v.name) ?? ''),
        async: s.configs.get(e.configName)?.AsyncInferenceConfig !== undefined,
      })),
    );
  const window = { start: new Date(now.getTime() - config.idleDays * DAY_MS), end: now };
  const { usage, failed } = await cloudwatch.usage(toRead, window.start, window.end, config.concurrency);
  const unread = new Set(failed.flatMap((f) => f.keys.map((k) => k.slice(0, k.lastIndexOf('/')))));
  for (const f of failed)
    s.failures.push({ resource: `metrics of ${f.keys.length} variant(s)`, error: reasonOf(f.error) });
  const policy = { idleDays: config.idleDays, ...config.oversized };
  return readable
    .filter((e) => !unread.has(e.name))
    .flatMap((e) => {
      const seen: EndpointSeen = {
        name: e.name,
        status: e.status,
        lastModified: e.lastModified,
        hostsComponents: hostsComponents(e),
        ...(e.tags[RESTORED_TAG] ? { restoredAt: e.tags[RESTORED_TAG] } : {}),
        variants: e.variants.map((v) => {
          const type = typeOf(e, v.name);
          return {
            name: v.name,
            instanceCount: v.instanceCount,
            serverless: v.serverless,
            ...(v.provisionedConcurrency ? { provisionedConcurrency: v.provisionedConcurrency } : {}),
            ...(type ? { instanceType: type } : {}),
            ...usage.get(usageKey(e.name, v.name)),
          };
        }),
      };
      return endpointFindings(seen, policy, prices, region, now);
    });
}
