// The Status line of a refused request's alert. A deployment's weight is set in state when its request is made (a
// step's, 0 for a drain, 100 for a promotion), so after a refusal it is the weight asked for, never the one serving:
// the line says what was being done and where the candidate's traffic is, from the endpoint as read just before the
// refused request when there was such a read.
import type { EndpointObservation } from './observation';
import { sharesOf } from './serving';
import type { Deployment } from './state';

type Seen = Pick<EndpointObservation, 'configName' | 'weights'>;

/** The candidate's share as read just before the refused request; undefined without a read that names it. */
function seenShare(active: Deployment, seen: Seen): number | undefined {
  const weights = seen.weights ?? {};
  if (!(active.candidate.variant in weights)) return undefined;
  return sharesOf(Object.keys(weights), weights)?.[active.candidate.variant];
}

/** Where the candidate's traffic is when nothing was read: only what the state knows for certain. */
function lastKnown(active: Deployment, endpointName: string): string {
  const candidate = active.candidate.variant;
  if (active.status === 'baking' || active.status === 'held') return `${candidate} stays at ${active.weight} %`;
  // A canary rolls back to the baseline's config only once its drain to 0 took effect; a replacement serves alone.
  if (active.status === 'rolling_back') {
    return active.kind === 'replace' ? `${candidate} serves all of ${endpointName}` : `${candidate} stays at 0 %`;
  }
  return `${candidate} keeps the share it had`;
}

/** `<what the deployment was doing>, refused: <where traffic is>`. */
export function refusedStatus(active: Deployment, endpointName: string, seen: Seen = {}): string {
  const candidate = active.candidate.variant;
  const baseline = active.baseline?.variant;
  switch (active.status) {
    case 'creating':
      return `creating ${endpointName} with ${candidate}, refused: nothing serves`;
    case 'starting':
      return `starting ${candidate} at ${active.weight} % beside ${baseline}, refused: ${baseline} serves alone`;
    case 'replacing':
      return `replacing ${baseline} with ${candidate}, refused: ${baseline} serves alone`;
  }
  const doing: Record<string, string> = {
    shifting: `shifting ${candidate} to ${active.weight} %`,
    promoting: `promoting ${candidate} to 100 %`,
    draining: `rolling back ${candidate} to 0 %`,
    rolling_back: `rolling back to ${active.baseline?.config}`,
  };
  const share = seenShare(active, seen);
  const where = share === undefined ? lastKnown(active, endpointName) : `${candidate} stays at ${share} %`;
  return `${doing[active.status] ?? `${active.status} at ${active.weight} %`}, refused: ${where}`;
}
