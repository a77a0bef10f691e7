// On-demand prices of SageMaker real-time inference instances, dated, with where each figure comes from. Every dollar
// figure Shepherd reports is an estimate from this table (or the config's overrides) and says the table's date. A
// type or region the table lacks is reported as unknown, never as free.

/** USD per instance-hour, by region and instance type. */
export type Prices = Record<string, Record<string, number>>;
/** SageMaker prices each use of an instance type on its own: serving, notebooks and training differ. */
export type Use = 'hosting' | 'notebook' | 'training';

export interface PriceTable {
  /** The day the prices were read. */
  asOf: string;
  hosting: Prices;
  notebook: Prices;
  training: Prices;
}

/**
 * us-east-1 only: the figures below were read from the AWS Price List API (service AmazonSageMaker, usage type
 * USE1-Host:ml.<type>) and agree with the CostPerHour of AWS's own Inference Recommender sample output
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/inference-recommender-instance-recommendation.html) where it has
 * them. Other regions, notebook instances and training price differently and are not verified here: they are
 * unknown until `costSweep.prices` sets them.
 */
export const DEFAULT_PRICES: PriceTable = {
  asOf: '2026-11-01',
  hosting: {
    'us-east-1': {
      'ml.m5.large': 0.115,
      'ml.m5.xlarge': 0.23,
      'ml.c5.xlarge': 0.204,
      'ml.g4dn.xlarge': 0.7364,
      'ml.g5.xlarge': 1.408,
      'ml.p3.2xlarge': 3.825,
    },
  },
  notebook: {},
  training: {},
};

export const HOURS_PER_MONTH = 730;

const merge = (prices: Prices, overrides: Prices = {}): Prices => {
  const merged = { ...prices };
  for (const [region, byType] of Object.entries(overrides)) merged[region] = { ...merged[region], ...byType };
  return merged;
};

/** The table with the config's overrides laid over it, region by region; the overrides' date when they give one. */
export function withOverrides(
  table: PriceTable,
  overrides: Partial<Record<Use, Prices>> = {},
  asOf?: string,
): PriceTable {
  return {
    asOf: asOf ?? table.asOf,
    hosting: merge(table.hosting, overrides.hosting),
    notebook: merge(table.notebook, overrides.notebook),
    training: merge(table.training, overrides.training),
  };
}

export const hourlyPrice = (table: PriceTable, use: Use, region: string, instanceType: string): number | undefined =>
  table[use][region]?.[instanceType];

/** USD per month of `count` instances of a type in use, or undefined when the table does not know it there. */
export function monthlyCost(
  table: PriceTable,
  region: string,
  instanceType: string,
  count: number,
  use: Use = 'hosting',
): number | undefined {
  const hourly = hourlyPrice(table, use, region, instanceType);
  return hourly === undefined ? undefined : round(hourly * HOURS_PER_MONTH * count);
}

export const round = (usd: number) => Math.round(usd * 100) / 100;

// Sizes in the order SageMaker's families grow; one size down is the previous one that exists in the family.
const SIZES = [
  'medium',
  'large',
  'xlarge',
  '2xlarge',
  '4xlarge',
  '8xlarge',
  '9xlarge',
  '12xlarge',
  '16xlarge',
  '18xlarge',
  '24xlarge',
];

/**
 * One size down in the same family: the largest smaller size the table prices there, else the next smaller size of
 * the ladder (unpriced: families skip sizes, and a guessed price would be no estimate). Undefined at the bottom.
 */
export function oneSizeDown(table: PriceTable, region: string, instanceType: string): string | undefined {
  const match = /^ml\.([a-z0-9-]+)\.([a-z0-9]+)$/.exec(instanceType);
  const at = match ? SIZES.indexOf(match[2]!) : -1;
  if (!match || at <= 0) return undefined;
  const smaller = SIZES.slice(0, at).map((size) => `ml.${match[1]}.${size}`);
  return smaller.reverse().find((type) => table.hosting[region]?.[type] !== undefined) ?? smaller[0];
}
