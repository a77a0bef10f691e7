// Neo builds of an approved model for each edge target. SageMaker emits no event for compilation jobs:
// the reconciler polls the ones in flight.
import type { ModelLine } from '../../config/schema';
import type { Action, Decision } from '../actions';
import type { ApprovedPackage } from '../deployment/state';
import { alert } from '../retraining/notify';
import { remember } from '../retraining/state';
import { compilationJobName, compilationJobRequest, modelArtifact } from './requests';

export interface Build {
  name: string;
  target: string;
  modelPackageArn: string;
  status: 'INPROGRESS' | 'COMPLETED' | 'FAILED';
  startedAt: string;
  artifact?: string;
}

export interface EdgeState {
  model: string;
  version: number;
  builds: Build[];
  recent: string[];
}

export const emptyEdgeState = (model: string): EdgeState => ({ model, version: 0, builds: [], recent: [] });
export const inFlight = (s: EdgeState): Build[] => s.builds.filter((b) => b.status === 'INPROGRESS');

type D = Decision<EdgeState>;
const KEEP = 20;

export function onApprovedForEdge(state: EdgeState, line: ModelLine, pkg: ApprovedPackage, now: Date): D {
  const targets = line.edgeTargets.filter((t) => !state.recent.includes(compilationJobName(line.name, t, pkg)));
  const artifact = modelArtifact(pkg);
  if (targets.length === 0 || !artifact) return { actions: [], metrics: [], log: { message: artifact ? 'edge builds already started' : 'package has no model artifact to compile', data: { arn: pkg.arn } } };
  const at = now.toISOString();
  const builds: Build[] = targets.map((t) => ({ name: compilationJobName(line.name, t, pkg), target: t.name, modelPackageArn: pkg.arn, status: 'INPROGRESS', startedAt: at }));
  return {
    state: { ...state, builds: [...state.builds, ...builds].slice(-KEEP), recent: remember(state.recent, ...builds.map((b) => b.name)) },
    actions: targets.flatMap((t, i): Action[] => [
      { type: 'createCompilationJob', request: compilationJobRequest(line.name, t, pkg, artifact) },
      { type: 'record', entry: { model: line.name, at, id: `edge-${builds[i]!.name}`, type: 'EdgeBuildStarted', message: `Neo build ${builds[i]!.name} for ${t.name} started` } },
    ]),
    metrics: targets.map(() => 'EdgeBuildsStarted' as const),
    log: { message: 'edge builds started', data: { builds: builds.map((b) => b.name) } },
  };
}

export interface CompilationObservation {
  name: string;
  status: string;
  artifact?: string;
  failureReason?: string;
}

export function onCompilationObserved(state: EdgeState, line: ModelLine, o: CompilationObservation, now: Date): D {
  const b = state.builds.find((x) => x.name === o.name);
  if (!b || b.status !== 'INPROGRESS') return { actions: [], metrics: [], log: { message: 'edge build already settled', data: { name: o.name } } };
  const done = o.status === 'COMPLETED';
  if (!done && !['FAILED', 'STOPPED'].includes(o.status)) return { actions: [], metrics: [], log: { message: 'edge build in progress', data: { name: o.name, status: o.status } } };
  const at = now.toISOString();
  const settled: Build = { ...b, status: done ? 'COMPLETED' : 'FAILED', ...(o.artifact ? { artifact: o.artifact } : {}) };
  const detail = { model: line.name, target: b.target, compilationJobName: b.name, modelPackageArn: b.modelPackageArn, artifactS3Uri: o.artifact };
  return {
    state: { ...state, builds: state.builds.map((x) => (x.name === b.name ? settled : x)) },
    actions: done
      ? [
          { type: 'record', entry: { model: line.name, at, id: `edge-ready-${b.name}`, type: 'EdgeArtifactReady', message: `Neo build for ${b.target} ready: ${o.artifact ?? ''}`, data: detail } },
          { type: 'publishEvent', detailType: 'Edge Artifact Ready', detail },
        ]
      : [
          { type: 'record', entry: { model: line.name, at, id: `edge-failed-${b.name}`, type: 'EdgeBuildFailed', message: `Neo build for ${b.target} ${o.status}: ${o.failureReason ?? 'no reason given'}` } },
          { type: 'notify', notification: alert(line.name, 'warning', `edge build for ${b.target} failed`, `The Neo build ${b.name} of ${b.modelPackageArn} ended ${o.status}.`, { Reason: o.failureReason ?? 'no reason given', Target: b.target }) },
        ],
    metrics: [done ? 'EdgeBuildsSucceeded' : 'EdgeBuildsFailed'],
    log: { message: done ? 'edge artifact ready' : 'edge build failed', data: detail },
  };
}
