// What a sweep reads and what it makes of it: every kind of resource read on its own, each resource's failure kept
// as that resource's, the findings computed by the pure domain (shared/domain/cost).
import { settleBounded } from '../aws/bounded';
import type { SageMakerCleanupAdapter } from '../aws/sagemaker-cleanup';
import type { SweptEndpoint } from '../aws/sagemaker-cost';
import type { SageMakerWorkspacesAdapter } from '../aws/sagemaker-workspaces';
import type { Finding } from '../domain/cost/findings';
import { leftoverFindings } from '../domain/cost/leftovers';
import { runningTrainingFindings } from '../domain/cost/running-training';
import { notebookFindings, trainingFindings } from '../domain/cost/workspaces';
import { type ConfigsRead, type EndpointSurveyDeps, surveyEndpoints } from './cost-endpoint-survey';
import { studioPart } from './cost-studio-survey';
import { reasonOf, type SweepFailure } from './sweep-failures';

export interface Survey extends ConfigsRead {
  findings: Finding[];
  /** Tags of every resource a finding names, for enforcement, by `tagKey`: a notebook may share an endpoint's name. */
  tags: Map<string, Record<string, string>>;
  endpoints: Map<string, SweptEndpoint>;
  /** Leftovers by name: which kind each is, so enforcement calls the right Delete. */
  leftoverKinds: Map<string, 'endpoint-config' | 'model'>;
  notebookArns: Map<string, string>;
}
export interface SurveyDeps extends EndpointSurveyDeps {
  workspaces: SageMakerWorkspacesAdapter;
  cleanup: SageMakerCleanupAdapter;
  /** Name prefixes of what Shepherd creates (`<endpoint>-`, `<model line>-`): where leftovers can be. */
  shepherdPrefixes: string[];
  /** Name prefixes of the training jobs Shepherd starts: a running one is flagged only past its line's limit. */
  trainingPrefixes: string[];
}

const DAY_MS = 86_400_000;

export type ResourceKind = 'endpoint' | 'notebook' | 'endpoint-config' | 'model';
const tagKey = (kind: ResourceKind, name: string) => `${kind}/${name}`;

/** The kind of resource a finding names: names repeat across kinds (an endpoint and a notebook both `lab`). */
export const resourceKind = (s: Survey, f: Finding): ResourceKind | undefined =>
  f.kind === 'notebook' ? 'notebook' : f.kind === 'leftover' ? s.leftoverKinds.get(f.resource) : 'endpoint';

/** The tags of the resource a finding names: of its kind, since names repeat across kinds. */
export function tagsOf(s: Survey, f: Finding): Record<string, string> {
  const kind = resourceKind(s, f);
  return (kind && s.tags.get(tagKey(kind, f.resource))) || {};
}

/** Runs `read`; on failure records it against `resource` and gives `fallback`. */
async function guarded<T>(failures: SweepFailure[], resource: string, fallback: T, read: () => Promise<T>) {
  try {
    return await read();
  } catch (err) {
    failures.push({ resource, error: reasonOf(err) });
    return fallback;
  }
}

export async function survey(deps: SurveyDeps, now: Date): Promise<Survey> {
  const { sagemaker, workspaces, config, prices, region } = deps;
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
  const trainingStart = now.getTime() - config.trainingDays * DAY_MS;
  const [listed, notebooks, apps, jobs, inProgress, created] = await Promise.all([
    guarded(failures, 'endpoints (Search)', undefined, () => sagemaker.endpoints()),
    guarded(failures, 'notebook instances', [], () => workspaces.notebooks()),
    guarded(failures, 'Studio apps', [], () => workspaces.studioApps()),
    guarded(failures, 'training jobs', [], () => workspaces.trainingJobNames(new Date(trainingStart))),
    guarded(failures, 'training jobs InProgress', [], () => workspaces.trainingJobNames()),
    guarded(failures, 'Shepherd endpoint configs and models', [], () =>
      deps.cleanup.namedResources(deps.shepherdPrefixes),
    ),
  ]);
  const endpoints = listed ?? [];
  for (const e of endpoints) [s.endpoints.set(e.name, e), s.tags.set(tagKey('endpoint', e.name), e.tags)];
  s.findings.push(...(await surveyEndpoints(deps, endpoints, s, now)));

  for (const n of notebooks) s.notebookArns.set(n.name, n.arn);
  const running = notebookFindings(notebooks, config.notebookHours, prices, region, now);
  // ListNotebookInstances carries no tags: read them for the notebooks enforcement might stop.
  const notebookTags = await settleBounded(running, config.concurrency, (f) =>
    deps.cleanup.tags(s.notebookArns.get(f.resource) ?? ''),
  );
  notebookTags.forEach((t, i) =>
    t.status === 'fulfilled'
      ? s.tags.set(tagKey('notebook', running[i]!.resource), t.value)
      : failures.push({ resource: running[i]!.resource, error: `tags: ${reasonOf(t.reason)}` }),
  );
  s.findings.push(...running);

  s.findings.push(...(await studioPart(workspaces, apps, config.concurrency, failures, { prices, region })));

  // Listed by their last change, which may come after their end: the runs that ended in the window.
  const finished = (await describeJobs(deps, jobs, failures)).filter((j) => !(Date.parse(j.endedAt) < trainingStart));
  s.findings.push(...trainingFindings(finished, prices, region));
  const shepherds = (name: string) => deps.trainingPrefixes.some((p) => name.startsWith(p));
  const runs = await describeJobs(deps, inProgress, failures);
  s.findings.push(...runningTrainingFindings(runs, shepherds, prices, region, now));

  // Without the endpoints, what they use is not known: every config and model of Shepherd's would look unused.
  if (listed) s.findings.push(...(await leftoverPart(deps, created, s, now)));
  return s;
}

async function describeJobs({ workspaces, config }: SurveyDeps, names: string[], failures: SweepFailure[]) {
  const described = await settleBounded(names, config.concurrency, (j) => workspaces.trainingJob(j));
  return described.flatMap((r, i) => {
    if (r.status === 'fulfilled') return [r.value];
    failures.push({ resource: names[i]!, error: reasonOf(r.reason) });
    return [];
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
      s.failures.push({ resource: c.name, error: reasonOf(t.reason) });
      return [];
    }
    s.tags.set(tagKey(c.kind, c.name), t.value);
    s.leftoverKinds.set(c.name, c.kind);
    return [{ kind: c.kind, name: c.name, tags: t.value, createdAt: c.createdAt }];
  });
  return leftoverFindings(tagged, inUse, deps.config.leftoverGraceHours, now);
}
