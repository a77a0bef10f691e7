// `shepherd status [model]`: one line per model line, from the state table and the registry.
import type { ModelLine } from '../config/schema';
import { weightInService, weightStanding } from '../domain/deployment/standing';
import { isDeployedLine } from '../domain/deployment/line';
import { emptyDeploymentState, type DeploymentState } from '../domain/deployment/state';
import { emptyEdgeState, type EdgeState } from '../domain/edge/builds';
import type { PackageView } from '../domain/registry/decision';
import { emptyTrainingState, type TrainingState } from '../domain/retraining/state';
import { isCorruptState, type CorruptStateError } from '../state/corrupt';
import { deploymentKey, edgeKey } from '../state/keys';
import { DEPLOYMENT_ITEM } from '../state/kinds/deployment';
import { EDGE_ITEM } from '../state/kinds/edge';
import { getTraining } from '../state/training-item';
import type { Context } from './context';

export interface LineStatus {
  model: string;
  training: string;
  package: string;
  endpoint: string;
  deployment: string;
  edge: string;
}

/** What a model line is doing, in words; each part read from its own item. Pure. */
export function describeLine(
  line: ModelLine,
  training: TrainingState,
  pkg: PackageView | undefined,
  deployment: DeploymentState | undefined,
  edge: EdgeState,
): LineStatus {
  return {
    model: line.name,
    training: describeTraining(training),
    package: pkg ? `v${pkg.version} ${pkg.status}` : 'none registered',
    endpoint: isDeployedLine(line) ? line.deployment.endpointName : '-',
    deployment: deployment ? describeDeployment(deployment) : 'not configured',
    edge: describeEdge(line, edge),
  };
}

function describeTraining(state: TrainingState): string {
  const run = state.inFlight;
  if (!run) {
    const last = state.starts.at(-1);
    return last ? `idle (last started ${last})` : 'idle';
  }
  const phase = run.phase ?? run.lastSecondaryStatus ?? 'started';
  const next = state.pending ? `; then again (${state.pending.reason})` : '';
  return `${run.jobName} ${phase} (${run.trigger.reason}, since ${run.startedAt})${next}`;
}

function describeDeployment(state: DeploymentState): string {
  const active = state.active;
  const queued = state.queued ? `; queued v${state.queued.version}` : '';
  if (!active) {
    const last = state.history.at(-1);
    const version = last?.modelPackageArn.split('/').pop();
    return (last ? `v${version} ${last.outcome} at ${last.at}` : 'nothing deployed') + queued;
  }
  // The weights in state are asked for; only a candidate seen in service at its weight serves them (standing.ts).
  const step = active.kind === 'canary' ? ` step ${active.step + 1}` : '';
  const head = `v${active.package.version} ${active.kind}${step}: ${weightStanding(active)}`;
  if (!weightInService(active)) return head + queued;
  const verdict = active.judgements.at(-1);
  const judged = verdict ? `, last verdict ${verdict.outcome} at ${verdict.weight} %` : '';
  const split =
    active.kind === 'canary' && active.baseline
      ? ` (${active.baseline.variant} ${100 - active.weight} % / ${active.candidate.variant} ${active.weight} %)`
      : '';
  return head + split + judged + queued;
}

function describeEdge(line: ModelLine, state: EdgeState): string {
  if (line.edgeTargets.length === 0) return '-';
  const newest = state.builds.at(-1)?.modelPackageArn;
  if (!newest) return 'no builds';
  const builds = state.builds.filter((b) => b.modelPackageArn === newest);
  const by = (status: string) => builds.filter((b) => b.status === status).length;
  const parts = [`${by('COMPLETED')} done`, `${by('INPROGRESS')} building`, `${by('FAILED')} failed`];
  if (by('WITHDRAWN')) parts.push(`${by('WITHDRAWN')} withdrawn (package rejected)`);
  return `v${newest.split('/').pop()}: ${parts.join(', ')}`;
}

/** A state item's part of the row, or what is wrong with the item when it is corrupt (it is not acted on). */
const corruptOr = <T>(read: Promise<T>): Promise<T | CorruptStateError> =>
  read.catch((err: unknown) => {
    if (isCorruptState(err)) return err;
    throw err;
  });
const said = (err: CorruptStateError) => `CORRUPT, not acted on: ${err.problems.join('; ')}`;

export async function lineStatus(ctx: Context, line: ModelLine): Promise<LineStatus> {
  const [training, pkg, deployment, edge] = await Promise.all([
    corruptOr(getTraining(ctx.store, line.name)),
    ctx.registry.modelPackage(line.modelPackageGroup),
    isDeployedLine(line)
      ? corruptOr(
          ctx.store.get(
            deploymentKey(line.deployment.endpointName),
            emptyDeploymentState(line.deployment.endpointName),
            DEPLOYMENT_ITEM,
          ),
        )
      : undefined,
    corruptOr(ctx.store.get(edgeKey(line.name), emptyEdgeState(line.name), EDGE_ITEM)),
  ]);
  const ok = <T>(part: T | CorruptStateError): part is T => !isCorruptState(part);
  const row = describeLine(
    line,
    ok(training) ? training.state : emptyTrainingState(line.name),
    pkg,
    deployment && ok(deployment) ? deployment.state : undefined,
    ok(edge) ? edge.state : emptyEdgeState(line.name),
  );
  return {
    ...row,
    ...(ok(training) ? {} : { training: said(training) }),
    ...(deployment && !ok(deployment) ? { deployment: said(deployment) } : {}),
    ...(ok(edge) ? {} : { edge: said(edge) }),
  };
}
