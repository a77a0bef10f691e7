// An approved package whose containers name no model archive (requests.ts `modelArtifact`): the model is in the image
// or uncompressed, or the package has no inference containers at all. Neo compiles an archive, so no target can be
// built; the operators are told once, and the package is remembered as handled, so the reconciler's look for lost
// approvals skips it.
import type { ModelLine } from '../../config/schema';
import { nothing, record } from '../decisions';
import type { ApprovedPackage } from '../deployment/state';
import { alert } from '../notify';
import { remember } from '../recent';
import type { EdgeDecision, EdgeState } from './builds';

export function onNoArtifact(state: EdgeState, line: ModelLine, pkg: ApprovedPackage, now: Date): EdgeDecision {
  if (state.recent.includes(pkg.arn)) return nothing('package has no model artifact to compile', { arn: pkg.arn });
  const targets = line.edgeTargets.map((target) => target.name).join(', ');
  const why =
    'none of its inference containers names a model archive for Neo to compile (a ModelDataUrl, or a ModelDataSource ' +
    'of one Gzip object)';
  return {
    state: { ...state, recent: remember(state.recent, pkg.arn) },
    actions: [
      record(
        line.name,
        now.toISOString(),
        `edge-not-started-${pkg.arn}`,
        'EdgeBuildsNotStarted',
        `${pkg.arn} is not built for the edge: ${why}`,
      ),
      {
        type: 'notify',
        notification: alert(
          line.name,
          'warning',
          'approved model not built for the edge',
          `${pkg.arn} was approved, but ${why}.`,
          {
            'Model package': pkg.arn,
            'Edge targets': targets,
          },
        ),
      },
    ],
    metrics: [],
    log: { message: 'edge builds not started: no model artifact', data: { arn: pkg.arn } },
  };
}
