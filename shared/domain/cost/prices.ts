// On-demand prices of SageMaker instances, dated, with where each figure comes from (price-sheets.ts,
// docs/cost-prices.md). Every dollar figure Shepherd reports is an estimate from this table (or the config's
// overrides) and says the table's date. A type or region the table lacks is reported as unknown, never as free.
import { PRICE_SHEETS, type PriceSheet } from './price-sheets';
import { sizesOf } from './instance-sizes';

/** USD per instance-hour, by region and instance type. */
export type Prices = Record<string, Record<string, number>>;
/**
 * SageMaker prices each use of an instance type on its own: serving, notebook instances, Studio apps (billed as
 * "Studio-Notebook") and training differ.
 */
export type Use = 'hosting' | 'notebook' | 'studio' | 'training';
const USES: Use[] = ['hosting', 'notebook', 'studio', 'training'];

export interface PriceTable {
  /** The day the prices were read (the oldest, when they come from several sources). */
  asOf: string;
  /** The sweep's region, when neither the embedded sheets nor the config price anything there. */
  unpricedRegion?: string;
  hosting: Prices;
  notebook: Prices;
  studio: Prices;
  training: Prices;
}

/** The embedded sheets that cover one region, as a table; `unpricedRegion` when none does (nor the config). */
export function pricesFor(
  region: string,
  overrides: Partial<Record<Use, Prices>> & { asOf?: string } = {},
  sheets: PriceSheet[] = PRICE_SHEETS,
): PriceTable {
  const here = sheets.filter((sheet) => sheet.region === region);
  const pick = (use: Use): Prices => {
    const byType = Object.assign({}, ...here.map((sheet) => sheet[use] ?? {}));
    return Object.keys(byType).length ? { [region]: byType } : {};
  };
  // A table mixing sources is as old as its oldest figure.
  const asOf = here.map((sheet) => sheet.asOf).sort()[0] ?? 'an unknown date';
  const table = withOverrides(
    { asOf, ...Object.fromEntries(USES.map((use) => [use, pick(use)])) } as PriceTable,
    overrides,
    overrides.asOf,
  );
  const known = USES.some((use) => Object.keys(table[use][region] ?? {}).length > 0);
  return known ? table : { ...table, unpricedRegion: region };
}

/** How an estimate names its prices: their date, or what is missing and where to give it. */
export const pricesNote = (table: PriceTable): string => {
  const region = table.unpricedRegion;
  return region
    ? `no prices for ${region}: give them in shepherd.yml, costSweep.prices.hosting.${region}`
    : `on-demand prices of ${table.asOf}`;
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
  const merged = Object.fromEntries(USES.map((use) => [use, merge(table[use], overrides[use])]));
  return { asOf: asOf ?? table.asOf, ...merged } as PriceTable;
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

/**
 * One size down in the same family: the next smaller size SageMaker hosting offers there (instance-sizes.ts), priced
 * or not (an unpriced one leaves the saving unknown, never guessed). Undefined at the bottom of a family, or for a
 * type SageMaker hosting does not list.
 */
export function oneSizeDown(instanceType: string): string | undefined {
  const match = /^ml\.([a-z0-9-]+)\.([a-z0-9]+)$/.exec(instanceType);
  if (!match) return undefined;
  const sizes = sizesOf(match[1]!);
  const at = sizes.indexOf(match[2]!);
  return at > 0 ? `ml.${match[1]}.${sizes[at - 1]}` : undefined;
}
