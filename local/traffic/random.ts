// Seedable draws for synthetic traffic: exact Poisson counts and log-normal latencies.

/** Mulberry32: a small, fast, seedable generator of uniform numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Poisson(lambda), exactly: Knuth's product of uniforms on chunks of at most 100 (a sum of Poissons is a
 * Poisson), so exp(-lambda) never underflows. O(lambda) draws, as many as the requests then draw anyway.
 */
export function poisson(lambda: number, random: () => number): number {
  let k = 0;
  for (let left = lambda; left > 0; left -= 100) {
    const limit = Math.exp(-Math.min(left, 100));
    for (let p = random(); p > limit; p *= random()) k++;
  }
  return k;
}

/** A standard normal draw (Box–Muller). */
export function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/**
 * Log-normal with the given mean and standard deviation (positive, right-skewed like real latencies); sd 0 gives
 * the mean.
 */
export function logNormal(mean: number, sd: number, random: () => number): number {
  if (sd <= 0) return mean;
  const sigma2 = Math.log(1 + (sd * sd) / (mean * mean));
  return Math.exp(Math.log(mean) - sigma2 / 2 + Math.sqrt(sigma2) * normal(random));
}
