// How the judge writes its numbers, in reasons and in the evidence table alike.
/**
 * A rate in percent, two decimals; two significant figures below 0.01 %, so that a candidate's 0.004 % or a limit of
 * 0.001 % is not shown as 0.00 %, which reads as none; exponential below 1e-4 %, as in `points`.
 */
export const percent = (rate: number) => {
  const pct = rate * 100;
  const small = pct !== 0 && Math.abs(pct) < 0.01;
  return `${small ? (Math.abs(pct) < 1e-4 ? pct.toExponential(1) : pct.toPrecision(2)) : pct.toFixed(2)} %`;
};
/** A configured share (a margin, a confidence) as given: 0.005 is 0.5 %, 0.1 is 10 %, never rounded to 0 %. */
export const sharePercent = (share: number) => `${Number((share * 100).toPrecision(4))} %`;
/**
 * A difference of rates in points, never fewer than two significant figures: a busy line's 0.002 points is shown as
 * +0.0020 pt, not +0.00 pt beside the margin it is compared with; exponential below 1e-4 points, as in `formatP`.
 */
export const points = (difference: number) => {
  const pt = Math.abs(difference * 100);
  const shown = pt === 0 || pt >= 0.1 ? pt.toFixed(2) : pt < 1e-4 ? pt.toExponential(1) : pt.toPrecision(2);
  return `${difference < 0 ? '-' : '+'}${shown} pt`;
};
export const ms = (value: number | undefined) => (value === undefined ? '-' : `${value.toFixed(1)} ms`);
export const times = (ratio: number | undefined) =>
  ratio === undefined || !Number.isFinite(ratio) ? '-' : `x${ratio.toFixed(2)}`;
/** A margin as a ratio to the baseline: two decimals, up to four where the margin has them (0.005 is x1.005). */
export const marginTimes = (ratio: number) =>
  Number.isFinite(ratio) ? `x${ratio.toFixed(4).replace(/0{1,2}$/, '')}` : '-';
/** Two significant figures below 0.01, so that a level such as 0.00025 is never shown rounded up to 0.0003. */
export const formatP = (p: number) =>
  p === 0 ? '0' : p < 1e-4 ? p.toExponential(1) : p < 0.01 ? p.toPrecision(2) : p.toFixed(4);
export const num = (value: number | undefined) => (value === undefined ? '-' : Number(value.toPrecision(4)).toString());
