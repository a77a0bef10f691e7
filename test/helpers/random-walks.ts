// Group-sequential boundaries checked by simulation: standard Gaussian random walks, one unit of information a look.
import { normalQuantile } from '../../shared/domain/deployment/normal';
import { normal, seededRandom } from '../../local/traffic/random';

/** Share of the walks that ever cross the boundaries of `levels` (the nominal one-sided level of each look). */
export function crossingRate(levels: number[], paths: number, seed: number): number {
  const random = seededRandom(seed);
  const boundaries = levels.map((level, i) => normalQuantile(1 - level) * Math.sqrt(i + 1));
  let crossed = 0;
  for (let path = 0; path < paths; path++) {
    let sum = 0;
    for (const boundary of boundaries) {
      sum += normal(random);
      if (sum >= boundary) {
        crossed++;
        break;
      }
    }
  }
  return crossed / paths;
}
