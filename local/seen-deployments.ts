// Deployments as the emulated world saw them, from the endpoints' own history of calls and weights and the
// synthetic traffic's per-minute counts, never from Shepherd's state or events. A deployment is one model package
// rolled out on one endpoint; its candidate is every variant whose model serves that package.
// - startedAt: the accepted CreateEndpoint or UpdateEndpoint that first asked the endpoint for the package while
//   none of its variants served it. The call rather than the variant coming up: the update is part of the rollout.
//   A call that restores a package a replacement replaced starts none: it is that replacement's rollback.
// - steps: each period the candidate shared the endpoint at one share of the total weight, in % (SageMaker routes
//   by weight / sum of weights), from the moment the endpoint served it at that share. A replacement (the
//   candidate came up alone in place of what served before, as on a serverless endpoint, which has one variant)
//   has one step at 100 % from its switch: every request meets it.
// - endedAt: the moment the endpoint served the candidate alone (promoted; for the endpoint's first model, the
//   moment it came InService) or stopped serving it (removed; the endpoint failed or was deleted; a replacement
//   rolled back or replaced in turn). It closes the last step: serving alone at 100 % is no step, the rollout is
//   over. Null while neither happened, so also for a candidate that never came up and a replacement still serving.
// - rollbackRequestedAt: the first accepted call after the one that started it asking for the candidate's weight
//   0, or for a config without it; for a replacement, the first asking again for a package it replaced.
// - candidateRequests, candidateErrors: the traffic of the candidate's variants while their weight was above 0,
//   between startedAt and endedAt. The generator splits a minute by the weights it reads once the minute has
//   passed, so a minute counts by its end.
import type { EndpointHistoryView, HistoryVariant } from './sagemaker';
import type { ServedMinute } from './traffic/ledger';

export interface Step {
  weight: number;
  servingFrom: string;
  servingUntil: string | null;
}

export interface SeenDeployment {
  endpoint: string;
  modelPackageArn: string;
  startedAt: string;
  endedAt: string | null;
  steps: Step[];
  candidateRequests: number;
  candidateErrors: number;
  rollbackRequestedAt: string | null;
}

interface Rollout {
  endpoint: string;
  pkg: string;
  /** A replacement's: the packages the endpoint served just before the switch. */
  replaced?: string[];
  started: number;
  steps: { weight: number; from: number; until?: number }[];
  ended?: number;
  rollback?: number;
}

const MINUTE = 60_000;
const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
export const sameName = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();
const weightOf = (variants: readonly HistoryVariant[]) => variants.reduce((n, v) => n + Math.max(0, v.weight), 0);

/** The candidate's share of the endpoint's weight, in %, to the hundredth. */
function shareOf(variants: readonly HistoryVariant[], pkg: string): number {
  const total = weightOf(variants);
  const candidate = weightOf(variants.filter((v) => sameName(v.packageArn, pkg)));
  return total > 0 ? Math.round((10_000 * candidate) / total) / 100 : 0;
}

function rolloutsOf(h: EndpointHistoryView): Rollout[] {
  // What an endpoint serves from a moment on is what a call made at that same moment saw.
  const items = [
    ...h.served.map((s) => ({ at: s.at.getTime(), variants: s.variants, request: false })),
    ...h.requests.map((r) => ({ at: r.at.getTime(), variants: r.variants, request: true })),
  ].sort((a, b) => a.at - b.at || Number(a.request) - Number(b.request));
  const all: Rollout[] = [];
  const open = new Map<string, Rollout>();
  let serving: readonly HistoryVariant[] = [];
  // A replacement's rollback asks again for what it replaced: no new rollout, that one's end.
  const restores = (pkg: string) => [...open.values()].some((r) => r.replaced?.some((p) => sameName(pkg, p)));
  for (const { at, variants, request } of items) {
    if (request) {
      const asks = (pkg: string) => variants.some((v) => sameName(v.packageArn, pkg));
      for (const r of open.values()) {
        if (r.replaced ? r.replaced.some(asks) : shareOf(variants, r.pkg) === 0) r.rollback ??= at;
      }
      for (const v of variants) {
        const pkg = v.packageArn;
        const known = pkg === undefined || open.has(pkg.toLowerCase()) || restores(pkg);
        if (known || serving.some((s) => sameName(s.packageArn, pkg))) continue;
        const r: Rollout = { endpoint: h.endpoint, pkg, started: at, steps: [] };
        open.set(pkg.toLowerCase(), r);
        all.push(r);
      }
      continue;
    }
    const before = serving;
    serving = variants;
    for (const [key, r] of open) {
      const candidate = serving.filter((v) => sameName(v.packageArn, r.pkg)).length;
      // Not up yet: an update still under way, or one that failed and may be retried.
      if (candidate === 0 && r.steps.length === 0) continue;
      const last = r.steps.at(-1);
      const alone = candidate > 0 && candidate === serving.length;
      // Up alone in place of what served before: a replacement, open while it serves alone.
      if (r.replaced ? alone : alone && !last && before.length > 0) {
        if (!r.replaced) {
          r.replaced = before.flatMap((v) => (v.packageArn === undefined ? [] : [v.packageArn]));
          r.steps.push({ weight: 100, from: at });
        }
        continue;
      }
      if (!r.replaced && candidate > 0 && candidate < serving.length) {
        const weight = shareOf(serving, r.pkg);
        if (last?.weight === weight) continue;
        if (last) last.until = at;
        r.steps.push({ weight, from: at });
        continue;
      }
      if (last) last.until = at;
      r.ended = at;
      open.delete(key);
    }
  }
  return all;
}

/** Every deployment the endpoints saw, in the order they started. */
export function seenDeployments(
  history: readonly EndpointHistoryView[],
  minutes: readonly ServedMinute[],
): SeenDeployment[] {
  return history
    .flatMap(rolloutsOf)
    .sort((a, b) => a.started - b.started)
    .map((r) => {
      const served = minutes.filter((m) => {
        const end = m.minute.getTime() + MINUTE;
        const during = end >= r.started && end < (r.ended ?? Infinity);
        return during && m.weight > 0 && sameName(m.endpoint, r.endpoint) && sameName(m.packageArn, r.pkg);
      });
      return {
        endpoint: r.endpoint,
        modelPackageArn: r.pkg,
        startedAt: iso(r.started)!,
        endedAt: iso(r.ended),
        steps: r.steps.map((s) => ({ weight: s.weight, servingFrom: iso(s.from)!, servingUntil: iso(s.until) })),
        candidateRequests: served.reduce((n, m) => n + m.requests, 0),
        candidateErrors: served.reduce((n, m) => n + m.errors, 0),
        rollbackRequestedAt: iso(r.rollback),
      };
    });
}
