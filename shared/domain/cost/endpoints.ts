// What a cost sweep finds about endpoints: idle, oversized, on one Availability Zone. Pure: the caller brings what
// SageMaker and CloudWatch said.
import { estimateOf, type Finding } from './findings';
import { monthlyCost, oneSizeDown, round, type PriceTable } from './prices';

export interface VariantSeen {
  name: string;
  instanceType?: string;
  instanceCount: number;
  serverless: boolean;
  /** A serverless variant's provisioned concurrency, billed whether or not requests come. */
  provisionedConcurrency?: number;
  /** Invocations summed over the window; undefined when CloudWatch returned no datapoint at all. */
  invocations?: number;
  /** Highest per-minute average over the window, in % of one instance (CPU summed over cores, as SageMaker does). */
  maxCpu?: number;
  maxMemory?: number;
  maxGpu?: number;
}

export interface EndpointSeen {
  name: string;
  status: string;
  /** When the endpoint last changed: an endpoint younger than the window has not been idle for all of it. */
  lastModified: string;
  variants: VariantSeen[];
  /**
   * It hosts inference components (its config names no model): SageMaker publishes their invocations per component,
   * not per variant, so what the variants show says nothing about its traffic.
   */
  hostsComponents?: boolean;
  /** When `shepherd restore` recreated it after a sweep deleted it (its `shepherd:restored-at` tag). */
  restoredAt?: string;
}

export interface EndpointPolicy {
  idleDays: number;
  /** Utilization at or under these (highest per-minute average over the window) is oversized. */
  cpuPercent: number;
  memoryPercent: number;
  gpuPercent: number;
}

const DAY_MS = 86_400_000;

/**
 * What the endpoint's instance variants cost a month; null when any of them is unpriced, or when a serverless variant
 * keeps a provisioned concurrency (billed by the hour, and the table has no serverless prices).
 */
function endpointCost(prices: PriceTable, region: string, variants: VariantSeen[]): number | null {
  if (variants.some((v) => v.serverless && v.provisionedConcurrency)) return null;
  let total = 0;
  for (const v of variants.filter((variant) => !variant.serverless)) {
    const cost = v.instanceType ? monthlyCost(prices, region, v.instanceType, v.instanceCount) : undefined;
    if (cost === undefined) return null;
    total += cost;
  }
  return round(total);
}

export function endpointFindings(
  endpoint: EndpointSeen,
  policy: EndpointPolicy,
  prices: PriceTable,
  region: string,
  now: Date,
): Finding[] {
  if (endpoint.status !== 'InService') return [];
  const findings: Finding[] = [];
  const instanceVariants = endpoint.variants.filter((v) => !v.serverless);
  const cost = endpointCost(prices, region, endpoint.variants);
  const windowStart = now.getTime() - policy.idleDays * DAY_MS;
  // SageMaker publishes per variant only: the endpoint is idle when no variant served, not when one did not.
  const served = endpoint.variants.reduce((sum, v) => sum + (v.invocations ?? 0), 0);
  const wholeWindow = Date.parse(endpoint.lastModified) <= windowStart;
  // Neither idle nor oversized can be told from per-variant metrics an endpoint of components does not have.
  const judged = !endpoint.hostsComponents;
  if (judged && served === 0 && wholeWindow) {
    // Serverless costs nothing idle, but for the provisioned concurrency it keeps warm.
    const provisioned = endpoint.variants.reduce((n, v) => n + (v.serverless ? (v.provisionedConcurrency ?? 0) : 0), 0);
    const freeIdle = instanceVariants.length === 0 && provisioned === 0;
    findings.push({
      kind: 'idle-endpoint',
      resource: endpoint.name,
      evidence: freeIdle
        ? `no invocations on any variant in ${policy.idleDays} days; serverless: it costs nothing while idle`
        : `no invocations on any of its ${endpoint.variants.length} variant(s) in ${policy.idleDays} days` +
          (provisioned ? `; serverless with a provisioned concurrency of ${provisioned}, billed while idle` : '') +
          (endpoint.restoredAt ? `; restored on ${endpoint.restoredAt.slice(0, 10)} after a sweep deleted it` : ''),
      monthlyCostUsd: freeIdle ? 0 : cost,
      monthlySavingUsd: freeIdle ? 0 : cost,
      action: freeIdle ? 'report' : 'delete',
      estimate: freeIdle
        ? 'nothing to save'
        : provisioned
          ? 'no estimate: the price table has no prices for serverless provisioned concurrency'
          : estimateOf(prices, cost),
    });
  } else if (judged && served > 0) {
    findings.push(...oversized(endpoint, instanceVariants, policy, prices, region));
  }
  const single = instanceVariants.filter((v) => v.instanceCount === 1);
  if (single.length) {
    findings.push({
      kind: 'single-az-endpoint',
      resource: endpoint.name,
      evidence:
        `variant(s) ${single.map((v) => v.name).join(', ')} run on one instance: ` +
        'one Availability Zone, no failover',
      monthlyCostUsd: cost,
      monthlySavingUsd: null,
      action: 'report',
      estimate: 'a reliability finding: nothing to save',
    });
  }
  return findings;
}

function oversized(
  endpoint: EndpointSeen,
  variants: VariantSeen[],
  policy: EndpointPolicy,
  prices: PriceTable,
  region: string,
): Finding[] {
  return variants.flatMap((v): Finding[] => {
    const low = (value: number | undefined, limit: number) => value === undefined || value <= limit;
    const measured = v.maxCpu !== undefined || v.maxMemory !== undefined || v.maxGpu !== undefined;
    const idleHardware =
      low(v.maxCpu, policy.cpuPercent) && low(v.maxMemory, policy.memoryPercent) && low(v.maxGpu, policy.gpuPercent);
    if (!v.instanceType || !measured || !idleHardware) return [];
    const smaller = oneSizeDown(v.instanceType);
    const now = monthlyCost(prices, region, v.instanceType, v.instanceCount);
    const then = smaller ? monthlyCost(prices, region, smaller, v.instanceCount) : undefined;
    const saving = now !== undefined && then !== undefined ? round(now - then) : null;
    const peaks = [
      `CPU ${v.maxCpu ?? '-'} %`,
      `memory ${v.maxMemory ?? '-'} %`,
      ...(v.maxGpu !== undefined ? [`GPU ${v.maxGpu} %`] : []),
    ];
    return [
      {
        kind: 'oversized-endpoint',
        resource: `${endpoint.name}/${v.name}`,
        evidence:
          `${v.instanceCount} x ${v.instanceType} peaked at ${peaks.join(', ')} over ${policy.idleDays} days; ` +
          (smaller ? `try ${smaller}, or serverless inference for sporadic traffic` : 'try serverless inference'),
        monthlyCostUsd: now ?? null,
        monthlySavingUsd: saving,
        action: 'report',
        // Serverless inference bills by use: without a smaller size there is no figure to compare.
        estimate: smaller ? estimateOf(prices, saving) : `no estimate: ${v.instanceType} is its family's smallest size`,
      },
    ];
  });
}
