// A package rejected while its Neo builds run (an approver changed their mind, or its canary was rolled back): its
// artifacts are not for any device, so no Edge Artifact Ready may announce them, and their jobs are stopped, as Neo
// bills a job by the time it runs. Approved again, the package is built anew.
import type { ModelLine } from '../../config/schema';
import type { Action } from '../actions';
import { nothing, record } from '../decisions';
import { approvedSince, type ApprovedPackage } from '../deployment/state';
import { remember } from '../recent';
import { type Build, type EdgeDecision, type EdgeState, kept } from './builds';
import { compilationJobName, compilationJobRequest, modelArtifact } from './requests';

/**
 * The package's builds in flight are withdrawn: settled now, never announced; their jobs stopped, and looked up until
 * seen stopping (onWithdrawnObserved).
 * Not those of an approval from after the rejection (`rejectedAt`), whose event came late.
 */
export function onPackageRejected(
  state: EdgeState,
  model: string,
  arn: string,
  now: Date,
  rejectedAt?: string,
): EdgeDecision {
  const running = state.builds.filter(
    (build) =>
      build.modelPackageArn === arn && build.status === 'INPROGRESS' && !approvedSince(build.approvedAt, rejectedAt),
  );
  if (!running.length) return nothing('no edge build of the rejected package in flight', { arn });
  const names = new Set(running.map((build) => build.name));
  const at = now.toISOString();
  return {
    state: {
      ...state,
      builds: state.builds.map((build) =>
        names.has(build.name) ? { ...build, status: 'WITHDRAWN', unstopped: true } : build,
      ),
    },
    actions: running.flatMap((build): Action[] => [
      { type: 'stopCompilationJob', name: build.name },
      record(
        model,
        at,
        `edge-withdrawn-${build.name}`,
        'EdgeBuildWithdrawn',
        `Neo build ${build.name} for ${build.target} withdrawn and its job stopped: ${arn} was rejected; ` +
          'its artifact is not announced',
      ),
    ]),
    metrics: [],
    log: { message: 'edge builds withdrawn', data: { arn, builds: [...names] } },
  };
}

const RUNNING = new Set(['STARTING', 'INPROGRESS']);

/**
 * A withdrawn build's job as SageMaker describes it now (undefined: gone). Its CreateCompilationJob may land after
 * the stop (SageMaker answers a stop of a job it does not know yet as a job gone): one still running is stopped
 * again; one stopping, ended or gone is looked up no more.
 */
export function onWithdrawnObserved(
  state: EdgeState,
  name: string,
  status: string | undefined,
  now: Date,
): EdgeDecision {
  const build = state.builds.find((candidate) => candidate.name === name);
  if (!build?.unstopped) return nothing('withdrawn edge build seen stopped already', { name });
  if (status && RUNNING.has(status)) {
    const text = `Neo build ${name}'s job was still ${status} after its stop: stopped again`;
    return {
      state,
      actions: [
        { type: 'stopCompilationJob', name },
        record(state.model, now.toISOString(), `edge-stopped-again-${name}`, 'EdgeBuildWithdrawn', text),
      ],
      metrics: [],
      log: { message: 'withdrawn edge build still running: stopped again', data: { name, status } },
    };
  }
  const { unstopped, ...settled } = build;
  return {
    // Settled now, it counts among the settled builds kept: more than those were held while any was unstopped.
    state: { ...state, builds: kept(state.builds.map((other) => (other === build ? settled : other))) },
    actions: [],
    metrics: [],
    log: { message: 'withdrawn edge build seen stopped', data: { name, status: status ?? 'gone' } },
  };
}

/**
 * The package approved again after its rejection withdrew its builds (the registry lets Rejected become Approved),
 * or after its builds failed (an operator who fixed the cause approves once more): each such build is replaced by a
 * new one of the same target, under a name of its own (its job can neither go on nor be created again). A failed
 * build is replaced only by an approval after its own, so a repeat of the approval that started it builds nothing.
 * A target no longer configured is not built. Undefined when there is no such build.
 */
export function onApprovedAgain(
  state: EdgeState,
  line: ModelLine,
  pkg: ApprovedPackage,
  now: Date,
): EdgeDecision | undefined {
  const withdrawn = state.builds.filter(
    (build) =>
      build.modelPackageArn === pkg.arn &&
      !build.replaced &&
      (build.status === 'WITHDRAWN' || (build.status === 'FAILED' && approvedSince(pkg.at, build.approvedAt))),
  );
  const artifact = modelArtifact(pkg);
  if (!withdrawn.length || !artifact) return undefined;
  const at = now.toISOString();
  const taken = new Set([...state.recent, ...state.builds.map((build) => build.name)]);
  const targets = withdrawn.flatMap((build) => line.edgeTargets.filter((target) => target.name === build.target));
  const builds: Build[] = targets.map((target) => {
    let attempt = 1;
    while (taken.has(compilationJobName(line.name, target, pkg, attempt))) attempt++;
    const name = compilationJobName(line.name, target, pkg, attempt);
    return {
      name,
      target: target.name,
      modelPackageArn: pkg.arn,
      status: 'INPROGRESS',
      startedAt: at,
      approvedAt: pkg.at,
    };
  });
  const replaced = new Set(withdrawn.map((build) => build.name));
  // A withdrawn job not yet seen stopping stays looked up, marked replaced: dropped, a job created after its stop
  // would run on, unwatched.
  const left = state.builds.flatMap((build): Build[] => {
    if (!replaced.has(build.name)) return [build];
    return build.unstopped ? [{ ...build, replaced: true }] : [];
  });
  return {
    state: {
      ...state,
      builds: [...left, ...builds],
      recent: remember(state.recent, ...builds.map((build) => build.name)),
    },
    actions: targets.flatMap((target, i): Action[] => {
      const { name } = builds[i]!;
      return [
        { type: 'createCompilationJob', request: compilationJobRequest(line.name, target, pkg, artifact, name) },
        record(line.name, at, `edge-${name}`, 'EdgeBuildStarted', `Neo build ${name} for ${target.name} started again`),
      ];
    }),
    metrics: targets.map(() => 'EdgeBuildsStarted' as const),
    log: {
      message: 'edge builds of a package approved again started anew',
      data: { arn: pkg.arn, replaced: [...replaced] },
    },
  };
}
