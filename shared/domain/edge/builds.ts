// Neo builds of an approved model for each edge target. SageMaker emits no event for compilation jobs:
// the reconciler polls the ones in flight.
import type { ModelLine } from '../../config/schema';
import type { Action } from '../actions';
import { nothing, record, type Decision } from '../decisions';
import type { ApprovedPackage } from '../deployment/state';
import { alert } from '../notify';
import { remember } from '../recent';
import { compilationJobName, compilationJobRequest, modelArtifact } from './requests';

export interface Build {
  name: string;
  target: string;
  modelPackageArn: string;
  /** WITHDRAWN: its package was rejected before it ended (./withdrawn.ts). */
  status: 'INPROGRESS' | 'COMPLETED' | 'FAILED' | 'WITHDRAWN';
  startedAt: string;
  /** When its package was approved: a rejection from before it, delivered late, does not withdraw it. */
  approvedAt?: string;
  artifact?: string;
  /** WITHDRAWN, its job not yet seen stopping, ended or gone: the reconciler looks it up (./withdrawn.ts). */
  unstopped?: boolean;
  /** Withdrawn, then replaced on a later approval while unstopped (./withdrawn.ts): it is not built a third time. */
  replaced?: boolean;
}

export interface EdgeState {
  model: string;
  version: number;
  builds: Build[];
  recent: string[];
}

export const emptyEdgeState = (model: string): EdgeState => ({ model, version: 0, builds: [], recent: [] });
export const inFlight = (state: EdgeState): Build[] => state.builds.filter((build) => build.status === 'INPROGRESS');
/** The builds the reconciler looks up: those in flight, and those withdrawn whose job is not yet seen stopping. */
export const watched = (state: EdgeState): Build[] =>
  state.builds.filter((build) => build.status === 'INPROGRESS' || build.unstopped);

export type EdgeDecision = Decision<EdgeState>;
const KEEP_SETTLED = 20;

/**
 * Every build whose end is still to be seen, and the last KEEP_SETTLED of the others. A withdrawn build not yet seen
 * stopping is kept too: dropped, its job (created after the stop) would run on, never looked up. A line can have more
 * targets than KEEP_SETTLED, so one rejection can withdraw more. It leaves once the reconciler sees its job stopping.
 */
export const kept = (builds: Build[]): Build[] => {
  const settled = builds.filter((build) => build.status !== 'INPROGRESS' && !build.unstopped);
  const dropped = new Set(settled.slice(0, Math.max(0, settled.length - KEEP_SETTLED)));
  return builds.filter((build) => !dropped.has(build));
};

export function onApprovedForEdge(state: EdgeState, line: ModelLine, pkg: ApprovedPackage, now: Date): EdgeDecision {
  const targets = line.edgeTargets.filter(
    (target) => !state.recent.includes(compilationJobName(line.name, target, pkg)),
  );
  const artifact = modelArtifact(pkg);
  if (targets.length === 0 || !artifact) {
    return nothing(artifact ? 'edge builds already started' : 'package has no model artifact to compile', {
      arn: pkg.arn,
    });
  }
  const at = now.toISOString();
  const builds: Build[] = targets.map((target) => ({
    name: compilationJobName(line.name, target, pkg),
    target: target.name,
    modelPackageArn: pkg.arn,
    status: 'INPROGRESS',
    startedAt: at,
    approvedAt: pkg.at,
  }));
  return {
    state: {
      ...state,
      builds: kept([...state.builds, ...builds]),
      recent: remember(state.recent, ...builds.map((build) => build.name)),
    },
    actions: targets.flatMap((target, i): Action[] => {
      const name = builds[i]!.name;
      return [
        { type: 'createCompilationJob', request: compilationJobRequest(line.name, target, pkg, artifact) },
        record(line.name, at, `edge-${name}`, 'EdgeBuildStarted', `Neo build ${name} for ${target.name} started`),
      ];
    }),
    metrics: targets.map(() => 'EdgeBuildsStarted' as const),
    log: { message: 'edge builds started', data: { builds: builds.map((build) => build.name) } },
  };
}

export interface CompilationObservation {
  name: string;
  status: string;
  artifact?: string;
  failureReason?: string;
}

export function onCompilationObserved(
  state: EdgeState,
  line: ModelLine,
  observed: CompilationObservation,
  now: Date,
): EdgeDecision {
  const build = state.builds.find((candidate) => candidate.name === observed.name);
  if (build?.status !== 'INPROGRESS') return nothing('edge build already settled', { name: observed.name });
  if (!['COMPLETED', 'FAILED', 'STOPPED'].includes(observed.status)) {
    return nothing('edge build in progress', { name: observed.name, status: observed.status });
  }
  // SageMaker names the artifact of every completed build; a build completed without one leaves nothing to use.
  const artifact = observed.status === 'COMPLETED' ? observed.artifact : undefined;
  const done = artifact !== undefined;
  const at = now.toISOString();
  const settled: Build = { ...build, status: done ? 'COMPLETED' : 'FAILED', ...(done ? { artifact } : {}) };
  const detail = {
    model: line.name,
    target: build.target,
    compilationJobName: build.name,
    modelPackageArn: build.modelPackageArn,
    artifactS3Uri: artifact,
  };
  const why =
    observed.failureReason ?? (observed.status === 'COMPLETED' ? 'completed without an artifact' : 'no reason given');
  const failed = `Neo build for ${build.target} ${observed.status}: ${why}`;
  const headline = `The Neo build ${build.name} of ${build.modelPackageArn} ended ${observed.status}.`;
  return {
    state: { ...state, builds: kept(state.builds.map((other) => (other.name === build.name ? settled : other))) },
    actions: done
      ? [
          record(
            line.name,
            at,
            `edge-ready-${build.name}`,
            'EdgeArtifactReady',
            `Neo build for ${build.target} ready: ${artifact}`,
            detail,
          ),
          { type: 'publishEvent', detailType: 'Edge Artifact Ready', detail: { ...detail, artifactS3Uri: artifact } },
        ]
      : [
          record(line.name, at, `edge-failed-${build.name}`, 'EdgeBuildFailed', failed),
          {
            type: 'notify',
            notification: alert(line.name, 'warning', `edge build for ${build.target} failed`, headline, {
              Reason: why,
              Target: build.target,
            }),
          },
        ],
    metrics: [done ? 'EdgeBuildsSucceeded' : 'EdgeBuildsFailed'],
    log: { message: done ? 'edge artifact ready' : 'edge build failed', data: detail },
  };
}

/**
 * SageMaker refused to start a build for good (an invalid request, a quota, no access): the build failed, as one
 * that ran and failed would, with AWS's message as its reason. Asking again could not help.
 */
export function onCompilationRefused(
  state: EdgeState,
  line: ModelLine,
  action: Action,
  message: string,
  now: Date,
): EdgeDecision {
  if (action.type !== 'createCompilationJob') return nothing('refused request needs no change', { type: action.type });
  const name = action.request.CompilationJobName;
  const failureReason = `CreateCompilationJob refused: ${message}`;
  return onCompilationObserved(state, line, { name, status: 'FAILED', failureReason }, now);
}

// Only an ended job can be deleted (COMPLETED, FAILED or STOPPED), so its outcome, and any artifact, is unknown.
const GONE =
  'SageMaker no longer knows the compilation job: it ended and was deleted outside Shepherd, outcome unknown';

/**
 * SageMaker no longer knows a build's compilation job: the build failed, with an alert, and is polled no more
 * (polling a job that does not exist could never settle it).
 */
export const onCompilationGone = (state: EdgeState, line: ModelLine, name: string, now: Date): EdgeDecision =>
  onCompilationObserved(state, line, { name, status: 'FAILED', failureReason: GONE }, now);
