// What a sweep reads and what it makes of it: every kind of resource read on its own, each resource's failure kept
// as that resource's, the findings computed by the pure domain (shared/domain/cost).
import type { CostMetricsAdapter, VariantToRead } from '../aws/cost-metrics';
import { usageKey } from '../aws/cost-metrics';
import { settleBounded } from '../aws/bounded';
import type { SageMakerCleanupAdapter } from '../aws/sagemaker-cleanup';
import { isNotFound } from '../aws/sagemaker-errors';
import type { EndpointConfigCopy, SageMakerCostAdapter, SweptEndpoint } from '../aws/sagemaker-cost';
import type { CostSweepConfig } from '../config/cost-schema';
import { endpointFindings, type EndpointSeen } from '../domain/cost/endpoints';
import type { Finding } from '../domain/cost/findings';
import { leftoverFindings } from '../domain/cost/leftovers';
import type { PriceTable } from '../domain/cost/prices';
import { studioAppFindings } from '../domain/cost/studio';
import { notebookFindings, trainingFindings } from '../domain/cost/workspaces';

export interface SweepFailure {
  resource: string;
  error: string;
}
export interface Survey {
  findings: Finding[];
  failures: SweepFailure[];
  /** Tags of every resource a finding names, for enforcement. */
  tags: Map<string, Record<string, string>>;
  endpoints: Map<string, SweptEndpoint>;
  /** The config of every endpoint, whatever its status, but those deleted under it or not read. */
  configs: Map<string, EndpointConfigCopy>;
  /** Endpoint configs that could not be read (not those deleted): what models they name is not known. */
  unreadConfigs: Set<string>;
  /** Leftovers by name: which kind each is, so enforcement calls the right Delete. */
  leftoverKinds: Map<string, 'endpoint-config' | 'model'>;
  notebookArns: Map<string, string>;
}
export interface SurveyDeps {
  sagemaker: SageMakerCostAdapter;
  cleanup: SageMakerCleanupAdapter;
  cloudwatch: CostMetricsAdapter;
  config: CostSweepConfig;
  prices: PriceTable;
  region: string;
  /** Name prefixes of what Shepherd creates (`<endpoint>-`, `<model line>-`): where leftovers can be. */
  shepherdPrefixes: string[];
}

const DAY_MS = 86_400_000;
// GPU utilization is published only by accelerated instances; asking others for it costs queries for nothing.
const GPU_FAMILY = /^ml\.(g\d|p\d|gr\d)/;
const why = (err: unknown) => (err instanceof Error ? `${err.name}: ${err.message}` : String(err));

/** Runs `read`; on failure records it against `resource` and gives `fallback`. */
async function guarded<T>(failures: SweepFailure[], resource: string, fallback: T, read: () => Promise<T>) {
  try {
    return await read();
  } catch (err) {
    failures.push({ resource, error: why(err) });
    return fallback;
  }
}

export async function survey(deps: SurveyDeps, now: Date): Promise<Survey> {
  const { sagemaker, config, prices, region } = deps;
  const failures: SweepFailure[] = [];
  const s: Survey = {
    findings: [],
    failures,
    tags: new Map(),
    endpoints: new Map(),
    configs: new Map(),
    unreadConfigs: new Set(),
    leftoverKinds: new Map(),
    notebookArns: new Map(),
  };
  const [endpoints, notebooks, apps, jobs, created] = await Promise.all([
    guarded(failures, 'endpoints (Search)', [], () => sagemaker.endpoints()),
    guarded(failures, 'notebook instances', [], () => sagemaker.notebooks()),
    guarded(failures, 'Studio apps', [], () => sagemaker.studioApps()),
    guarded(failures, 'training jobs', [], () =>
      sagemaker.finishedTrainingJobs(new Date(now.getTime() - config.trainingDays * DAY_MS)),
    ),
    guarded(failures, 'Shepherd endpoint configs and models', [], () =>
      deps.cleanup.namedResources(deps.shepherdPrefixes),
    ),
  ]);
  for (const e of endpoints) [s.endpoints.set(e.name, e), s.tags.set(e.name, e.tags)];
  s.findings.push(...(await endpointPart(deps, endpoints, s, now)));

  for (const n of notebooks) s.notebookArns.set(n.name, n.arn);
  const running = notebookFindings(notebooks, config.notebookHours, prices, region, now);
  // ListNotebookInstances carries no tags: read them for the notebooks enforcement might stop.
  const notebookTags = await settleBounded(running, config.concurrency, (f) =>
    deps.cleanup.tags(s.notebookArns.get(f.resource) ?? ''),
  );
  notebookTags.forEach((t, i) =>
    t.status === 'fulfilled'
      ? s.tags.set(running[i]!.resource, t.value)
      : failures.push({ resource: running[i]!.resource, error: `tags: ${why(t.reason)}` }),
  );
  s.findings.push(...running);

  const domains = [...new Set(apps.filter((a) => a.status === 'InService').map((a) => a.domainId))];
  const shutdown = await settleBounded(domains, config.concurrency, (d) => sagemaker.idleShutdown(d));
  const byDomain = new Map<string, boolean | undefined>();
  shutdown.forEach((r, i) => {
    byDomain.set(domains[i]!, r.status === 'fulfilled' ? r.value : undefined);
    if (r.status === 'rejected') failures.push({ resource: `Studio domain ${domains[i]}`, error: why(r.reason) });
  });
  s.findings.push(...studioAppFindings(apps, (d) => byDomain.get(d), prices, region));

  const described = await settleBounded(jobs, config.concurrency, (j) => sagemaker.trainingJob(j));
  described.forEach((r, i) => r.status === 'rejected' && failures.push({ resource: jobs[i]!, error: why(r.reason) }));
  const finished = described.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  s.findings.push(...trainingFindings(finished, prices, region));

  s.findings.push(...(await leftoverPart(deps, created, s, now)));
  return s;
}

async function endpointPart(deps: SurveyDeps, endpoints: SweptEndpoint[], s: Survey, now: Date) {
  const { sagemaker, cloudwatch, config, prices, region } = deps;
  // Every endpoint's config, not only a serving one's: an updating or failed endpoint's names models in use too.
  const names = [...new Set(endpoints.map((e) => e.configName).filter(Boolean))];
  const read = await settleBounded(names, config.concurrency, (n) => sagemaker.endpointConfig(n));
  const serving = endpoints.filter((e) => e.status === 'InService');
  read.forEach((r, i) => {
    const name = names[i]!;
    if (r.status === 'fulfilled') return void s.configs.set(name, r.value);
    // A config deleted under its endpoint names no model.
    if (isNotFound(r.reason)) return;
    s.unreadConfigs.add(name);
    // A serving endpoint's is reported against the endpoint, below.
    if (!serving.some((e) => e.configName === name))
      s.failures.push({ resource: name, error: `endpoint config: ${why(r.reason)}` });
  });
  const readable = serving.filter((e) => {
    const r = read[names.indexOf(e.configName)];
    if (r?.status === 'rejected') s.failures.push({ resource: e.name, error: `endpoint config: ${why(r.reason)}` });
    return r?.status === 'fulfilled';
  });
  const typeOf = (e: SweptEndpoint, variant: string) =>
    s.configs.get(e.configName)?.ProductionVariants?.find((v) => v.VariantName === variant)?.InstanceType;
  const toRead: VariantToRead[] = readable.flatMap((e) =>
    e.variants.map((v) => ({
      endpoint: e.name,
      variant: v.name,
      serverless: v.serverless,
      gpu: GPU_FAMILY.test(typeOf(e, v.name) ?? ''),
    })),
  );
  const window = { start: new Date(now.getTime() - config.idleDays * DAY_MS), end: now };
  const { usage, failed } = await cloudwatch.usage(toRead, window.start, window.end, config.concurrency);
  const unread = new Set(failed.flatMap((f) => f.keys.map((k) => k.slice(0, k.lastIndexOf('/')))));
  for (const f of failed) s.failures.push({ resource: `metrics of ${f.keys.length} variant(s)`, error: why(f.error) });
  const policy = { idleDays: config.idleDays, ...config.oversized };
  return readable
    .filter((e) => !unread.has(e.name))
    .flatMap((e) => {
      const seen: EndpointSeen = {
        name: e.name,
        status: e.status,
        lastModified: e.lastModified,
        variants: e.variants.map((v) => {
          const type = typeOf(e, v.name);
          return {
            name: v.name,
            instanceCount: v.instanceCount,
            serverless: v.serverless,
            ...(type ? { instanceType: type } : {}),
            ...usage.get(usageKey(e.name, v.name)),
          };
        }),
      };
      return endpointFindings(seen, policy, prices, region, now);
    });
}

type Created = Awaited<ReturnType<SageMakerCleanupAdapter['namedResources']>>[number];

async function leftoverPart(deps: SurveyDeps, created: Created[], s: Survey, now: Date) {
  // What endpoints serve, and the models those configs name, are in use whatever their age: an endpoint that is not
  // InService (updating, failed) still names its config, whose models only that config tells.
  const inUse = new Set<string>();
  for (const e of s.endpoints.values()) inUse.add(e.configName);
  for (const c of s.configs.values())
    for (const v of c.ProductionVariants ?? []) if (v.ModelName) inUse.add(v.ModelName);
  // A model any unread config may name is not known to be unused.
  const modelsKnown = s.unreadConfigs.size === 0;
  const candidates = created.filter((c) => !inUse.has(c.name) && (modelsKnown || c.kind !== 'model'));
  const tags = await settleBounded(candidates, deps.config.concurrency, (c) => deps.cleanup.tags(c.arn));
  const tagged = candidates.flatMap((c, i) => {
    const t = tags[i]!;
    if (t.status === 'rejected') {
      s.failures.push({ resource: c.name, error: why(t.reason) });
      return [];
    }
    s.tags.set(c.name, t.value);
    s.leftoverKinds.set(c.name, c.kind);
    return [{ kind: c.kind, name: c.name, tags: t.value, createdAt: c.createdAt }];
  });
  return leftoverFindings(tagged, inUse, deps.config.leftoverGraceHours, now);
}
