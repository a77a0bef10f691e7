// A sweep's CloudWatch reads: every variant's traffic and utilization over the window, batched at GetMetricData's
// 500 queries a call, one datapoint per query (the period is the window). SageMaker publishes per variant only:
// a query by EndpointName alone returns nothing, so each query names EndpointName and VariantName.
import { paginateGetMetricData, type CloudWatchClient, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { settleBounded } from './bounded';

/** GetMetricData's limit of queries per call. */
export const QUERIES_PER_CALL = 500;
const INVOCATIONS = { namespace: 'AWS/SageMaker', metric: 'Invocations', stat: 'Sum' } as const;
// An asynchronous endpoint publishes no Invocations at all: what it served is the requests it processed.
const PROCESSED = { namespace: 'AWS/SageMaker', metric: 'InvocationsProcessed', stat: 'Sum' } as const;
// Instance utilization lives in its own namespace, not AWS/SageMaker.
const INSTANCE_NS = '/aws/sagemaker/Endpoints';

export interface VariantToRead {
  endpoint: string;
  variant: string;
  serverless: boolean;
  gpu: boolean;
  /** Its endpoint config has an AsyncInferenceConfig. */
  async?: boolean;
}
export interface VariantUsage {
  invocations?: number;
  maxCpu?: number;
  maxMemory?: number;
  maxGpu?: number;
}
type Field = keyof VariantUsage;

export const usageKey = (endpoint: string, variant: string) => `${endpoint}/${variant}`;

function queriesOf(v: VariantToRead): { field: Field; namespace: string; metric: string; stat: string }[] {
  const max = (field: Field, metric: string) => ({ field, namespace: INSTANCE_NS, metric, stat: 'Maximum' });
  const traffic = { field: 'invocations' as const, ...(v.async ? PROCESSED : INVOCATIONS) };
  // Serverless variants publish no CPU or GPU utilization; only instances do.
  if (v.serverless) return [traffic];
  return [
    traffic,
    max('maxCpu', 'CPUUtilization'),
    max('maxMemory', 'MemoryUtilization'),
    ...(v.gpu ? [max('maxGpu', 'GPUUtilization')] : []),
  ];
}

export class CostMetricsAdapter {
  /** GetMetricData calls made by this adapter, for the sweep's own accounting (and the bench). */
  calls = 0;

  constructor(private readonly client: CloudWatchClient) {}

  /**
   * Usage per `endpoint/variant` over [start, end). A variant missing from the answer had no datapoint at all
   * (SageMaker publishes Invocations only when there are some). A failed batch names its variants in `failed`.
   */
  async usage(
    variants: VariantToRead[],
    start: Date,
    end: Date,
    concurrency: number,
  ): Promise<{ usage: Map<string, VariantUsage>; failed: { keys: string[]; error: Error }[] }> {
    const period = Math.max(60, Math.ceil((end.getTime() - start.getTime()) / 60_000) * 60);
    const all = variants.flatMap((v) =>
      queriesOf(v).map((q) => ({ key: usageKey(v.endpoint, v.variant), field: q.field, stat: q.stat, q, v })),
    );
    const batches: (typeof all)[] = [];
    for (let i = 0; i < all.length; i += QUERIES_PER_CALL) batches.push(all.slice(i, i + QUERIES_PER_CALL));
    const usage = new Map<string, VariantUsage>();
    const settled = await settleBounded(batches, concurrency, async (batch) => {
      const queries: MetricDataQuery[] = batch.map(({ q, v }, n) => ({
        Id: `q${n}`,
        MetricStat: {
          Metric: {
            Namespace: q.namespace,
            MetricName: q.metric,
            Dimensions: [
              { Name: 'EndpointName', Value: v.endpoint },
              { Name: 'VariantName', Value: v.variant },
            ],
          },
          Period: period,
          Stat: q.stat,
        },
        ReturnData: true,
      }));
      const input = { MetricDataQueries: queries, StartTime: start, EndTime: end };
      // A query CloudWatch could not answer (InternalError, Forbidden) has no values for want of a read, not of
      // traffic: as its last page says, since an InternalError may be retried with the NextToken.
      const status = new Map<number, string | undefined>();
      for await (const page of paginateGetMetricData({ client: this.client }, input)) {
        this.calls += 1;
        for (const r of page.MetricDataResults ?? []) {
          const at = r.Id ? Number(r.Id.slice(1)) : Number.NaN;
          const item = batch[at];
          status.set(at, r.StatusCode);
          const values = (r.Values ?? []).filter(Number.isFinite);
          if (!item || values.length === 0) continue;
          const seen = usage.get(item.key) ?? {};
          const previous = seen[item.field];
          // A window may straddle two periods: sums add up, maxima take the larger.
          seen[item.field] =
            item.stat === 'Sum'
              ? (previous ?? 0) + values.reduce((a, b) => a + b, 0)
              : Math.max(previous ?? -Infinity, ...values);
          usage.set(item.key, seen);
        }
      }
      const unread = [...status].filter(([, code]) => code === 'InternalError' || code === 'Forbidden');
      if (unread.length) {
        const codes = [...new Set(unread.map(([, code]) => code))].join(', ');
        return { keys: unread.flatMap(([at]) => batch[at]?.key ?? []), codes };
      }
      return undefined;
    });
    const failed = settled.flatMap((s, i) => {
      if (s.status === 'rejected')
        return [{ keys: [...new Set(batches[i]!.map((b) => b.key))], error: s.reason as Error }];
      if (!s.value) return [];
      const error = new Error(`GetMetricData answered ${s.value.codes} for ${s.value.keys.length} of its queries`);
      return [{ keys: [...new Set(s.value.keys)], error }];
    });
    return { usage, failed };
  }
}
