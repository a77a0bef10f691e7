// What every cost finding is, whatever it is about, and how its dollar figure is qualified. Every dollar figure is an
// estimate from a dated price table.
import { pricesNote, type PriceTable } from './prices';

export type FindingKind =
  | 'idle-endpoint'
  | 'oversized-endpoint'
  | 'notebook'
  | 'studio-app'
  | 'non-spot-training'
  | 'running-training'
  | 'leftover'
  | 'single-az-endpoint';

export interface Finding {
  kind: FindingKind;
  /** The resource's name (its ARN where SageMaker gives one). */
  resource: string;
  evidence: string;
  /** Null: the price table does not know the resource's type in its region. */
  monthlyCostUsd: number | null;
  monthlySavingUsd: number | null;
  /** What enforcement may do about it; `report` is all a sweep ever does without opt-in. */
  action: 'report' | 'stop' | 'delete';
  /** "estimate, on-demand prices of <date>", or why there is no figure. */
  estimate: string;
  /**
   * `run`: the two figures are one training run's, not a month's (the field names are kept for the event's readers).
   * Such findings are summed apart from the monthly ones: a run is not a monthly cost. `so-far`: a running job's cost
   * up to the sweep, summed apart too.
   */
  per?: 'run' | 'so-far';
  /** A running training job that has run past its limit (`so-far` findings only). */
  overrun?: boolean;
}

export const estimateOf = (prices: PriceTable, figure: number | null | undefined) =>
  figure === null || figure === undefined
    ? prices.unpricedRegion
      ? `no estimate: ${pricesNote(prices)}`
      : `no estimate: the price table (${prices.asOf}) does not know this type in this region`
    : `estimate, ${pricesNote(prices)}`;
