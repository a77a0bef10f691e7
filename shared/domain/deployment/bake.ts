// A step's bake starting: baking since the candidate's weight took effect, which a lost event leaves well before
// `now` (window.ts), and what Shepherd says of it, counted as the judge counts it.
import type { DeployedLine } from './line';
import type { EndpointObservation } from './observation';
import type { Deployment } from './state';
import { MINUTE_MS, tookEffect } from './window';

export interface BakeStarted {
  baked: Deployment;
  /** `baking N min from <took effect> … to <when a look may pass it>`, and how late Shepherd saw it in service. */
  text: string;
  /** For the timeline entry and the log: the instants the judge uses (`bakeStartedAt`, `nextActionAt`). */
  data: { bakeStartedAt: string; bakeEndsAt: string };
}

export function startBake(
  active: Deployment,
  line: DeployedLine,
  observed: EndpointObservation,
  now: Date,
): BakeStarted {
  const from = tookEffect(active.requestedAt, observed.lastModified, now);
  const { bakeMinutes } = line.deployment;
  const to = new Date(from.getTime() + bakeMinutes * MINUTE_MS);
  const baked: Deployment = {
    ...active,
    status: 'baking',
    bakeStartedAt: from.toISOString(),
    nextActionAt: to.toISOString(),
    bakeExtensions: 0,
    lastHeardAt: now.toISOString(),
  };
  // Said from when it took effect, not from now: a bake a late tick started would otherwise seem to pass early.
  const late = Math.round((now.getTime() - from.getTime()) / MINUTE_MS);
  const seen = late > 0 ? `; seen in service ${late} min later` : '';
  return {
    baked,
    text: `baking ${bakeMinutes} min from ${baked.bakeStartedAt}, when it took effect, to ${baked.nextActionAt}${seen}`,
    data: { bakeStartedAt: baked.bakeStartedAt!, bakeEndsAt: baked.nextActionAt! },
  };
}
