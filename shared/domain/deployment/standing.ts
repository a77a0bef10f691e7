// What Shepherd knows of a deployment's weight, said as it is. The weight in state is set when its request is made (a
// step's, 0 for a drain, 100 for a promotion): until the endpoint is seen in service with it, it is the weight asked
// for, not the one serving. Only a candidate baking or held has been seen at its weight (progress.ts bakes it once the
// step's update is in service). See refused.ts for the same distinction after a refused request.
import type { Deployment } from './state';

/** The candidate's weight was seen in service: it bakes, or is held, at it. */
export const weightInService = (active: Deployment): boolean => active.status === 'baking' || active.status === 'held';

/** `<status> at W %` when seen in service, else what was asked for and, where known, the weight last judged. */
export function weightStanding(active: Deployment): string {
  const { status, weight } = active;
  if (weightInService(active)) return `${status} at ${weight} %`;
  const baseline = active.baseline?.variant;
  const lastJudged = active.judgements.at(-1)?.weight;
  const judged = lastJudged === undefined ? '' : ` (last judged at ${lastJudged} %)`;
  switch (status) {
    case 'creating':
      return 'creating the endpoint: nothing serves yet';
    case 'starting':
      return `starting: ${weight} % asked for beside ${baseline}, which serves alone until the update is in service`;
    case 'replacing':
      return `replacing ${baseline}: asked for; ${baseline} serves alone until the update is in service`;
    case 'rolling_back':
      // A canary rolls back to the baseline's config once its drain to 0 took effect; a replacement serves alone.
      return active.kind === 'replace'
        ? `rolling back to ${active.baseline?.config}: asked for; the candidate serves alone until it is in service`
        : `rolling back to ${active.baseline?.config}, the candidate drained to 0 %`;
    default:
      return `${status}: ${weight} % asked for, not yet in service${judged}`;
  }
}

/** `the canary of <group>/<version> is <standing>`: a deployment as a human is told it. */
export function standing(active: Deployment): string {
  const what = active.kind === 'replace' ? 'replacement' : active.kind === 'create' ? 'first model' : 'canary';
  return `the ${what} of ${active.package.group}/${active.package.version} is ${weightStanding(active)}`;
}
