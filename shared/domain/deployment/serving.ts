// What an endpoint serves, said one way in every alert: its config and each variant's share of the traffic, from the
// weights DescribeEndpoint reports (a variant's share is its weight over the sum of the weights).

/** Each of `variants`' share in whole percent; undefined when the endpoint reported no weight for any of them. */
export function sharesOf(variants: string[], weights: Record<string, number> = {}): Record<string, number> | undefined {
  const total = variants.reduce((sum, variant) => sum + (weights[variant] ?? 0), 0);
  if (total <= 0) return undefined;
  return Object.fromEntries(variants.map((variant) => [variant, Math.round(((weights[variant] ?? 0) / total) * 100)]));
}

/** `<config>: v2 at 60 %, v1 at 40 %`, the variants in the order given; `<config>: v2 beside v1` without weights. */
export function servingLine(config: string, variants: string[], weights?: Record<string, number>): string {
  const shares = sharesOf(variants, weights);
  if (!shares) return `${config}: ${variants.join(' beside ')}`;
  return `${config}: ${variants.map((variant) => `${variant} at ${shares[variant]} %`).join(', ')}`;
}

/** The variants of `weights`, heaviest first (then by name, so that equal weights always read the same). */
export const heaviestFirst = (weights: Record<string, number>): string[] =>
  Object.keys(weights).sort((first, second) => weights[second]! - weights[first]! || first.localeCompare(second));
