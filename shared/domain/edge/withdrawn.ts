// A package rejected while its Neo builds run (an approver changed their mind, or its canary was rolled back): its
// artifacts are not for any device, so no Edge Artifact Ready may announce them, unless it is approved again.
import { nothing, record } from '../decisions';
import { shortHash } from '../names';
import type { EdgeDecision, EdgeState } from './builds';

/**
 * The package's builds in flight are withdrawn: settled now, never announced, polled no more. Their jobs run to
 * their end (minutes of Neo, and an artifact under the build's own folder that nothing points to).
 */
export function onPackageRejected(state: EdgeState, model: string, arn: string, now: Date): EdgeDecision {
  const running = state.builds.filter((build) => build.modelPackageArn === arn && build.status === 'INPROGRESS');
  if (!running.length) return nothing('no edge build of the rejected package in flight', { arn });
  const names = new Set(running.map((build) => build.name));
  const at = now.toISOString();
  return {
    state: {
      ...state,
      builds: state.builds.map((build) => (names.has(build.name) ? { ...build, status: 'WITHDRAWN' } : build)),
    },
    actions: running.map((build) =>
      record(
        model,
        at,
        `edge-withdrawn-${build.name}`,
        'EdgeBuildWithdrawn',
        `Neo build ${build.name} for ${build.target} withdrawn: ${arn} was rejected; its artifact is not announced`,
      ),
    ),
    metrics: [],
    log: { message: 'edge builds withdrawn', data: { arn, builds: [...names] } },
  };
}

/**
 * The package approved again after its rejection withdrew its builds (the registry lets Rejected become Approved):
 * they are polled again, and announced once they end, instead of being started anew (their jobs exist, by name).
 * Undefined when none of its builds was withdrawn.
 */
export function onApprovedAgain(state: EdgeState, model: string, arn: string, now: Date): EdgeDecision | undefined {
  const withdrawn = state.builds.filter((build) => build.modelPackageArn === arn && build.status === 'WITHDRAWN');
  if (!withdrawn.length) return undefined;
  const names = new Set(withdrawn.map((build) => build.name));
  const at = now.toISOString();
  return {
    state: {
      ...state,
      builds: state.builds.map((build) => (names.has(build.name) ? { ...build, status: 'INPROGRESS' } : build)),
    },
    actions: withdrawn.map((build) =>
      record(
        model,
        at,
        `edge-resumed-${build.name}-${shortHash(at, 6)}`,
        'EdgeBuildResumed',
        `Neo build ${build.name} for ${build.target} followed again: ${arn} was approved again`,
      ),
    ),
    metrics: [],
    log: { message: 'withdrawn edge builds followed again', data: { arn, builds: [...names] } },
  };
}
