// How the CloudWatch emulator stores datapoints and computes a period's statistic from them.
//
// Each stored sample is a statistic set: a raw datum is a set of one (count 1, values [v]). A set may carry a
// histogram (`values` with `counts`, as PutMetricData's Values and Counts) from which percentiles are taken.
// - Sum, SampleCount, Minimum, Maximum and Average (Sum / SampleCount) come from the sets' own fields, so a
//   set summarising n raw datums gives exactly what the n datums give (up to floating-point addition order,
//   which does not matter for integers such as microseconds or error counts).
// - Percentiles are the nearest rank over the weighted values: exact for raw datums and for lossless values
//   and counts, approximate when the values are histogram buckets (off by at most a bucket's width).
// - A set without values has a percentile only when it cannot be ambiguous, as in AWS: SampleCount 1, or
//   Minimum equal to Maximum. A period holding any other such set has no percentile datapoint.
import { AwsError } from '../core';

export interface Sample {
  at: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  values?: number[];
  counts?: number[];
  unit?: string;
}

/**
 * A summary of the values of one metric at one timestamp, as PutMetricData's StatisticValues (plus Values and
 * Counts).
 */
export interface StatisticSet {
  sampleCount: number;
  sum: number;
  minimum: number;
  maximum: number;
  /** Distinct values (or histogram buckets' representatives) for percentiles. */
  values?: number[];
  /** How many times each of `values` occurred; 1 each when omitted. */
  counts?: number[];
}

const invalid = (message: string) => new AwsError('InvalidParameterValue', message);

/** Validates a statistic set and makes it one sample; a set of equal values keeps them for percentiles. */
export function sampleOf(at: number, stats: StatisticSet, unit?: string): Sample {
  const { sampleCount: count, sum, minimum: min, maximum: max, values, counts } = stats;
  if (![count, sum, min, max].every(Number.isFinite)) throw invalid('The statistic set must hold finite numbers.');
  if (count <= 0) throw invalid('The statistic set SampleCount must be greater than 0.');
  if (min > max) throw invalid('The statistic set Minimum must not be greater than its Maximum.');
  if (values === undefined && counts !== undefined) throw invalid('Counts must come with Values.');
  if (values !== undefined) {
    checkHistogram(values, counts);
    return { at, count, sum, min, max, values: [...values], ...(counts && { counts: [...counts] }), unit };
  }
  // As AWS: without values, a set has percentiles only if they cannot be ambiguous.
  const only = count === 1 ? sum : min === max ? min : undefined;
  return { at, count, sum, min, max, ...(only !== undefined && { values: [only], counts: [count] }), unit };
}

/**
 * The statistic set of raw values occurring `counts` times each (PutMetricData's Values and Counts); undefined if
 * none counts.
 */
export function setOfValues(values: number[], counts?: number[]): StatisticSet | undefined {
  checkHistogram(values, counts);
  let [sampleCount, sum, minimum, maximum] = [0, 0, Infinity, -Infinity];
  values.forEach((v, i) => {
    const n = counts?.[i] ?? 1;
    if (n === 0) return;
    [sampleCount, sum, minimum, maximum] = [sampleCount + n, sum + v * n, Math.min(minimum, v), Math.max(maximum, v)];
  });
  return sampleCount > 0 ? { sampleCount, sum, minimum, maximum, values, ...(counts && { counts }) } : undefined;
}

function checkHistogram(values: number[], counts?: number[]): void {
  if (counts !== undefined && counts.length !== values.length)
    throw invalid('Counts must have as many members as Values.');
  if (!values.every(Number.isFinite)) throw invalid('Values must be finite numbers.');
  if (counts && !counts.every((n) => Number.isFinite(n) && n >= 0))
    throw invalid('Counts must be numbers of 0 or more.');
}

export const count = (samples: Sample[]) => samples.reduce((n, s) => n + s.count, 0);

/** One period's statistic; undefined when it cannot be computed (percentiles over statistic sets without values). */
export function aggregate(samples: Sample[], stat: string): number | undefined {
  if (samples.length === 0) return undefined;
  const sum = samples.reduce((n, s) => n + s.sum, 0);
  if (stat === 'Sum') return sum;
  if (stat === 'SampleCount') return count(samples);
  if (stat === 'Average') return sum / count(samples);
  if (stat === 'Minimum') return samples.reduce((m, s) => Math.min(m, s.min), Infinity);
  if (stat === 'Maximum') return samples.reduce((m, s) => Math.max(m, s.max), -Infinity);
  return percentile(samples, Number(stat.slice(1)));
}

function percentile(samples: Sample[], p: number): number | undefined {
  const weighted: Array<[value: number, count: number]> = [];
  for (const s of samples) {
    if (s.values === undefined) return undefined;
    s.values.forEach((v, i) => {
      const n = s.counts?.[i] ?? 1;
      if (n > 0) weighted.push([v, n]);
    });
  }
  if (weighted.length === 0) return undefined;
  weighted.sort(([a], [b]) => a - b);
  // Nearest rank: the smallest value with at least p% of the samples at or below it.
  const rank = Math.ceil((p / 100) * weighted.reduce((n, [, c]) => n + c, 0));
  let seen = 0;
  for (const [v, n] of weighted) {
    seen += n;
    if (seen >= rank) return v;
  }
  return weighted[weighted.length - 1]?.[0];
}
