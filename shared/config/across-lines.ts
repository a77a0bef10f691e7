// What one model line cannot check alone: names, drift alarms, endpoints and data prefixes shared by two lines;
// and monitoring, which depends on the line's deployment.
import type { z } from 'zod';
import { COST_TIMELINE } from '../domain/cost/timeline';
import { parsed, typed } from './refine';
import type { modelLineSchema } from './model-line-schema';

type ModelLine = z.output<typeof modelLineSchema>;

/**
 * Runs even when some lines failed to parse, so it reports alongside their problems; a value that failed its
 * type is left out of the comparisons it would take part in (it holds the raw input, not a parsed value).
 */
export function checkAcrossLines(config: { models: ModelLine[] }, ctx: z.core.$RefinementCtx): void {
  const ok = (...path: PropertyKey[]) => parsed(ctx.issues, ['models', ...path]);
  const problem = (path: PropertyKey[], message: string) =>
    ctx.addIssue({ code: 'custom', path: ['models', ...path], message });
  const lines = config.models.map((m, i) => ({ m, i })).filter(({ i }) => ok(i, 'name'));

  // SageMaker compares its names without case, and each line's resources are named after it: "Churn" and "churn"
  // would train, register and deploy as one.
  const seen = new Map<string, number>();
  for (const { m, i } of lines) {
    if (m.name === COST_TIMELINE) {
      const what = `"${m.name}" is the timeline of the cost sweeps (MODEL#${COST_TIMELINE})`;
      problem([i, 'name'], `${what}: name the line otherwise`);
    }
    const first = seen.get(m.name.toLowerCase());
    if (first === undefined) seen.set(m.name.toLowerCase(), i);
    else if (config.models[first]!.name === m.name) problem([i, 'name'], `duplicates the name of models[${first}]`);
    else {
      const other = config.models[first]!.name;
      problem([i, 'name'], `differs only in case from models[${first}] ("${other}"): SageMaker names ignore case`);
    }
  }

  const alarms = new Map<string, string>();
  // Keyed without case, as SageMaker tells its endpoints, package groups and pipelines apart (shared/runtime/lines.ts):
  // their events are routed to one line, and a line's quality gate compares with its group's newest Approved package.
  // The line that named it first, when another did; else this line becomes its owner.
  const ownerOf = (owners: Map<string, string>, name: string | undefined, line: string): string | undefined => {
    if (name === undefined) return undefined;
    const owner = owners.get(name.toLowerCase());
    if (owner === undefined) owners.set(name.toLowerCase(), line);
    return owner;
  };
  const endpoints = new Map<string, string>();
  const groups = new Map<string, string>();
  const pipelines = new Map<string, string>();
  for (const { m, i } of lines) {
    const group = ok(i, 'modelPackageGroup') ? m.modelPackageGroup : undefined;
    const groupOwner = ownerOf(groups, group, m.name);
    if (groupOwner !== undefined) {
      problem([i, 'modelPackageGroup'], `model package group "${group}" is already used by model line "${groupOwner}"`);
    }
    const driftAlarms = ok(i, 'triggers', 'driftAlarms') ? m.triggers.driftAlarms : [];
    driftAlarms.forEach((a, j) => {
      const owner = alarms.get(a);
      if (owner && owner !== m.name) {
        problem([i, 'triggers', 'driftAlarms', j], `alarm "${a}" already triggers model line "${owner}"`);
      }
      alarms.set(a, m.name);
    });
    const pipeline = ok(i, 'training') && m.training.type === 'pipeline' ? m.training.pipelineName : undefined;
    const pipelineOwner = ownerOf(pipelines, pipeline, m.name);
    if (pipelineOwner !== undefined) {
      problem([i, 'training', 'pipelineName'], `pipeline "${pipeline}" already trains model line "${pipelineOwner}"`);
    }
    const ep = ok(i, 'deployment', 'endpointName') ? m.deployment?.endpointName : undefined;
    const endpointOwner = ownerOf(endpoints, ep, m.name);
    if (endpointOwner !== undefined) {
      problem([i, 'deployment', 'endpointName'], `endpoint "${ep}" is already used by model line "${endpointOwner}"`);
    }
  }

  // Serverless Inference has no data capture, so Model Monitor has nothing to read (docs/aws-model-monitor.md).
  for (const { m, i } of lines) {
    if (!m.monitoring || !ok(i, 'monitoring') || !ok(i, 'deployment')) continue;
    if (!m.deployment) problem([i, 'monitoring'], 'needs deployment: Model Monitor watches the line’s endpoint');
    else if (m.deployment.serverless)
      problem(
        [i, 'monitoring'],
        'a serverless endpoint cannot capture data, so Model Monitor cannot watch it: deploy with instanceType, ' +
          'or drop monitoring',
      );
    const from = 'fromTrainingData' in m.monitoring.baseline ? m.monitoring.baseline.fromTrainingData : undefined;
    if (!from || !ok(i, 'training')) continue;
    const at = [i, 'monitoring', 'baseline', 'fromTrainingData', 'channel'];
    if (!('inputChannels' in m.training))
      problem(at, 'a pipeline’s training data is not known to Shepherd: name constraintsS3Uri and statisticsS3Uri');
    else if (!m.training.inputChannels.some((c) => c.name === from.channel))
      problem(at, `names channel "${from.channel}", which training.inputChannels does not have`);
  }

  const dataTriggers = lines.flatMap(({ m, i }) =>
    typed(ctx.issues, ['models', i, 'triggers', 'data'])
      ? m.triggers.data.flatMap((d, j) => (ok(i, 'triggers', 'data', j) ? [{ line: m.name, i, j, ...d }] : []))
      : [],
  );
  dataTriggers.forEach((a, n) =>
    dataTriggers.slice(0, n).forEach((b) => {
      const nested = a.prefix.startsWith(b.prefix) || b.prefix.startsWith(a.prefix);
      if (a.bucket === b.bucket && a.line !== b.line && nested) {
        const theirs = `s3://${b.bucket}/${b.prefix} of model line "${b.line}"`;
        problem([a.i, 'triggers', 'data', a.j], `overlaps ${theirs}: an object must belong to one line`);
      }
    }),
  );
}
