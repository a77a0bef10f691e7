// Group-sequential boundaries: how small a p-value must be at each look so that looking every minute spends no more
// false-fail probability than the budget. Lan and DeMets' alpha spending (Biometrika 1983) with the recursive
// numerical integration of Armitage, McPherson and Rowe (JRSS A 1969): the looks of one step are correlated (each
// window holds the previous one), so the exact boundary is far less strict than splitting the budget evenly.
import { NORMAL_CDF_CUTOFF, normalCdf } from './normal';

/** How a step's budget is spent: evenly over the bake's looks, the rest evenly over the extensions' looks. */
export interface LookPlan {
  /** One-sided false-fail probability this test may spend in this step. */
  alpha: number;
  /** Looks in the bake (one a minute), its final look's included: see `lookPlan` (rollout-budget.ts). */
  bakeLooks: number;
  /** Looks in all extensions together. */
  extensionLooks: number;
}

/**
 * The share of a step's budget spent in the bake itself; the extensions get the rest. An extension follows an
 * inconclusive bake, which a clearly bad candidate seldom has, so the bake's looks need the budget more.
 */
export const BAKE_SHARE = 0.99;

const GRID_STEP = 0.05;
const TAILS = 6;
const phi = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

/** Cumulative spend after look k (1-based): linear within the bake, then within the extensions. */
export function spent(plan: LookPlan, look: number): number {
  const bake = plan.extensionLooks > 0 ? plan.alpha * BAKE_SHARE : plan.alpha;
  if (look <= plan.bakeLooks) return (bake * look) / plan.bakeLooks;
  const extra = Math.min(look - plan.bakeLooks, plan.extensionLooks);
  return bake + ((plan.alpha - bake) * extra) / Math.max(1, plan.extensionLooks);
}

/**
 * The nominal one-sided level of each look: reject at look k when the test's p-value is at most levels[k - 1]. The
 * statistic is a standardised sum of independent minutes (S_k, one unit of information a minute); the boundary of
 * look k is solved so that the probability of first crossing it, under no difference, is exactly this look's spend.
 */
function computeLevels(plan: LookPlan): number[] {
  const { sqrt } = Math;
  const looks = plan.bakeLooks + plan.extensionLooks;
  const levels: number[] = [];
  // Density of S_k over the paths that have not crossed yet, on the lattice i * GRID_STEP from far below up to
  // the boundary; one lattice for every look, so the transition kernel is a table.
  const kernel = new Float64Array(Math.ceil((TAILS * (sqrt(looks) + 1) + TAILS * sqrt(looks)) / GRID_STEP) + 2);
  for (let m = 0; m < kernel.length; m++) kernel[m] = phi(m * GRID_STEP) * GRID_STEP;
  // Past this distance the kernel is exactly zero (phi underflows): skipping those terms adds nothing, so the sums and
  // the levels are bit for bit what the whole table gives, in a fraction of the time.
  let reach = kernel.length - 1;
  while (reach > 0 && kernel[reach] === 0) reach--;
  let first = 0;
  let density = new Float64Array(0);
  for (let k = 1; k <= looks; k++) {
    const spend = spent(plan, k) - spent(plan, k - 1);
    const crossing = (b: number) => {
      if (k === 1) return 1 - normalCdf(b);
      // Paths further below the boundary than normalCdf's cut-off cross with probability exactly 0: skipped.
      let i = 0;
      while (i < density.length && (first + i) * GRID_STEP - b < -NORMAL_CDF_CUTOFF) i++;
      let sum = 0;
      for (; i < density.length; i++) sum += density[i]! * normalCdf((first + i) * GRID_STEP - b);
      return sum;
    };
    // The lowest boundary whose crossing probability stays within the spend (bisection: crossing falls as b rises).
    let below = -TAILS * sqrt(k);
    let above = TAILS * (sqrt(k) + 1);
    for (let i = 0; i < 45; i++) {
      const mid = (below + above) / 2;
      if (crossing(mid) > spend) below = mid;
      else above = mid;
    }
    levels.push(1 - normalCdf(above / sqrt(k)));
    const nextFirst = Math.floor((-TAILS * sqrt(k + 1)) / GRID_STEP);
    const next = new Float64Array(Math.max(0, Math.ceil(above / GRID_STEP) - nextFirst));
    for (let j = 0; j < next.length; j++) {
      const s = nextFirst + j;
      if (k === 1) {
        next[j] = phi(s * GRID_STEP) * GRID_STEP;
        continue;
      }
      // The same terms in the same order, in two runs: below s the distance falls to 0, above it rises again.
      let sum = 0;
      const centre = s - first;
      const split = Math.min(density.length, centre + 1);
      const end = Math.min(density.length, centre + reach + 1);
      for (let i = Math.max(0, centre - reach); i < split; i++) sum += density[i]! * kernel[centre - i]!;
      for (let i = Math.max(0, split); i < end; i++) sum += density[i]! * kernel[i - centre]!;
      next[j] = sum;
    }
    first = nextFirst;
    density = next;
  }
  return levels;
}

const cache = new Map<string, number[]>();

/** Memoised: a line's plans are fixed by its config, so each is computed once per cold start. */
export function lookLevels(plan: LookPlan): number[] {
  const key = `${plan.alpha}/${plan.bakeLooks}/${plan.extensionLooks}`;
  let levels = cache.get(key);
  if (!levels) cache.set(key, (levels = computeLevels(plan)));
  return levels;
}

/**
 * The level of look k. Past the plan's last look, the last look's level: an extension ends at the first look after
 * its time, a minute later when a tick comes late, so a step's final looks may hold a minute or more beyond the
 * plan's; at 0 no test could fail a candidate there, however much worse. The window holds the last look's, so the
 * overspend is small: within simulation noise with two extensions, at most about a tenth of alpha a look past a
 * bake alone (test/unit/sequential.test.ts).
 */
export function levelAt(plan: LookPlan, look: number): number {
  if (look < 1) return 0;
  const levels = lookLevels(plan);
  return levels[Math.min(look, levels.length) - 1] ?? 0;
}
