// The sweep's report as people read it in mail: totals first, then every finding by what it would save.
import type { Finding, FindingKind } from './findings';
import type { Planned, Skipped } from './enforcement';
import { pricesNote, round, type PriceTable } from './prices';

const usd = (value: number | null) => (value === null ? 'unknown' : `$${value.toFixed(2)}`);

export interface SweepTotals {
  findings: number;
  /** Sum of the priced monthly savings. */
  pricedSavingUsd: number;
  /**
   * The estimated monthly saving: the priced sum, a lower bound when `unpriced` > 0; null (unknown, never $0) when
   * findings that may save have no figure and none that has one saves anything. Per-run findings are not in it.
   */
  monthlySavingUsd: number | null;
  /** Monthly findings that may save money but have no dollar figure (a price the table lacks, mostly). */
  unpriced: number;
  byKind: Partial<Record<FindingKind, number>>;
  /** Training runs without managed spot, summed apart: what spot would have saved on them, run by run. */
  runs: { findings: number; savingUsd: number | null; unpriced: number };
}

/** A saving that may exist but has no figure; a reliability finding saves nothing by design. */
export const unpriced = (f: Finding) => f.monthlySavingUsd === null && f.kind !== 'single-az-endpoint';

function sumOf(findings: Finding[]) {
  const priced = round(findings.reduce((sum, f) => sum + (f.monthlySavingUsd ?? 0), 0));
  const unknown = findings.filter(unpriced).length;
  return { priced, saving: unknown > 0 && priced === 0 ? null : priced, unknown };
}

export function totals(findings: Finding[]): SweepTotals {
  const byKind: SweepTotals['byKind'] = {};
  for (const f of findings) byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
  const runs = findings.filter((f) => f.per === 'run');
  const monthly = sumOf(findings.filter((f) => f.per === undefined));
  const run = sumOf(runs);
  return {
    findings: findings.length,
    pricedSavingUsd: monthly.priced,
    monthlySavingUsd: monthly.saving,
    unpriced: monthly.unknown,
    byKind,
    runs: { findings: runs.length, savingUsd: runs.length ? run.saving : null, unpriced: run.unknown },
  };
}

/** `Training without managed spot: est. $3.22 to save on 2 run(s) of the last 7 day(s)`, or nothing. */
export function runsLine(sum: SweepTotals, trainingDays: number): string[] {
  const { findings, savingUsd, unpriced: unknown } = sum.runs;
  if (!findings) return [];
  const saving = savingUsd === null ? 'saving unknown' : `est. ${unknown ? 'at least ' : ''}${usd(savingUsd)} to save`;
  const more = unknown && savingUsd !== null ? `, plus ${unknown} run(s) with no estimate` : '';
  return [
    `Training without managed spot: ${saving} on ${findings} run(s) of the last ${trainingDays} day(s)` +
      ` (summed over those runs, kept out of the monthly figure)${more}`,
  ];
}

/** `Training running now: 3 job(s), est. $1689.12 spent so far, 1 past their limit`, or nothing. */
export function runningLine(findings: Finding[]): string[] {
  const running = findings.filter((f) => f.per === 'so-far');
  if (!running.length) return [];
  const priced = running.filter((f) => f.monthlyCostUsd !== null);
  const spent = round(priced.reduce((sum, f) => sum + (f.monthlyCostUsd ?? 0), 0));
  const unknown = running.length - priced.length;
  const over = running.filter((f) => f.overrun).length;
  return [
    `Training running now: ${running.length} job(s), ` +
      (priced.length ? `est. ${usd(spent)} spent so far` : 'cost so far unknown') +
      `${unknown && priced.length ? ` (${unknown} with no estimate)` : ''}, ${over} past their limit` +
      ' (listed, never stopped by a sweep)',
  ];
}

/** `/month`, `/run` for a finding whose figures are one run's, or ` so far` for a running job's. */
export const perUnit = (f: Finding) => (f.per === 'run' ? '/run' : f.per === 'so-far' ? ' so far' : '/month');

/** `$12.34`, `at least $12.34` when some findings have no figure, or `unknown`. */
export const savingPhrase = (sum: SweepTotals) =>
  sum.monthlySavingUsd === null ? 'unknown' : `${sum.unpriced ? 'at least ' : ''}${usd(sum.monthlySavingUsd)}`;

/** What the totals leave out: `, plus 2 finding(s) with no estimate` (`: 2 …` after unknown), or nothing. */
export const unpricedPhrase = (sum: SweepTotals) =>
  sum.unpriced ? `${sum.monthlySavingUsd === null ? ':' : ', plus'} ${sum.unpriced} finding(s) with no estimate` : '';

/**
 * Monthly findings first, then training runs (whose figures are one run's, not comparable with a month's), then
 * running jobs: each part by largest saving, unknown savings after the priced ones.
 */
const order = (f: Finding) => (f.per === 'run' ? 1 : f.per === 'so-far' ? 2 : 0);

export const bySaving = (findings: Finding[]) =>
  [...findings].sort(
    (a, b) =>
      order(a) - order(b) ||
      (b.monthlySavingUsd ?? -1) - (a.monthlySavingUsd ?? -1) ||
      (a.per === 'so-far' ? (b.monthlyCostUsd ?? -1) - (a.monthlyCostUsd ?? -1) : 0) ||
      a.resource.localeCompare(b.resource),
  );

/**
 * `limit`: findings listed one by one, the largest savings first; the totals count every finding. An SNS message
 * holds at most 256 KB, and a sweep of thousands of endpoints finds more than that.
 */
export function reportText(
  findings: Finding[],
  planned: Planned[],
  skipped: Skipped[],
  prices: PriceTable,
  at: Date,
  { limit = Number.POSITIVE_INFINITY, trainingDays }: { limit?: number; trainingDays: number },
): string {
  const sum = totals(findings);
  const kinds =
    Object.entries(sum.byKind)
      .map(([kind, n]) => `${n} ${kind}`)
      .join(', ') || 'none';
  // By finding, not by resource: an endpoint may have two findings, and only one of them is acted on.
  const acted = new Map(planned.map((p) => [p.finding, p.action]));
  const held = new Map(skipped.map((s) => [s.finding, s.why]));
  const actions = planned.map((p) => `${p.action} ${p.finding.resource}`);
  const lines = [
    `Cost sweep of ${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Estimated monthly saving: ${savingPhrase(sum)} (${pricesNote(prices)}; estimates, not bills)` +
      unpricedPhrase(sum),
    ...runsLine(sum, trainingDays),
    ...runningLine(findings),
    `Findings: ${kinds}`,
    `Actions: ${planned.length ? actions.join(', ') : 'none (report only)'}`,
    '',
  ];
  const sorted = bySaving(findings);
  for (const f of sorted.slice(0, limit)) {
    const what = acted.has(f) ? `action: ${acted.get(f)}` : held.has(f) ? `not acted on: ${held.get(f)}` : '';
    // A running job saves nothing the sweep can figure: what it has spent is what the report says.
    const saving = f.per === 'so-far' ? '' : `, saving ${usd(f.monthlySavingUsd)}${perUnit(f)}`;
    lines.push(
      `- ${f.kind}  ${f.resource}`,
      `  ${f.evidence}`,
      `  cost ${usd(f.monthlyCostUsd)}${perUnit(f)}${saving} (${f.estimate})${what ? `; ${what}` : ''}`,
    );
  }
  if (sorted.length > limit) lines.push(`… and ${sorted.length - limit} smaller finding(s), left out of this message`);
  return lines.join('\n');
}
