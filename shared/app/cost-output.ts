// How a sweep says what it found: the mail report, the chat card, the domain event's detail, the metrics.
import type { ChatMessage } from '../domain/chat';
import { shepherdCommand, type StackTarget } from '../domain/cli-command';
import { SUBJECT_LIMIT, subject } from '../domain/notify';
import type { Planned, Skipped } from '../domain/cost/enforcement';
import type { Finding } from '../domain/cost/findings';
import { pricesNote, type PriceTable } from '../domain/cost/prices';
import { bySaving, perUnit, savingPhrase, totals } from '../domain/cost/report';
import type { SweepFailure } from './sweep-failures';

export { COST_TIMELINE } from '../domain/cost/timeline';

/** Findings carried in the event detail; EventBridge entries are at most 256 KB. */
const EVENT_FINDINGS = 100;

export interface SweptFinding extends Finding {
  /** `stop`/`delete` when enforcement acted, else why not (or `report`). */
  outcome: string;
}

export function outcomes(findings: Finding[], planned: Planned[], skipped: Skipped[], failed: Set<Finding>) {
  const acted = new Map(planned.map((p) => [p.finding, p.action]));
  const held = new Map(skipped.map((s) => [s.finding, s.why]));
  return bySaving(findings).map(
    (f): SweptFinding => ({
      ...f,
      outcome: acted.has(f) ? `${acted.get(f)}${failed.has(f) ? ' failed' : ''}` : (held.get(f) ?? 'report'),
    }),
  );
}

/**
 * `limit`: failures listed one by one, the count says them all. A sweep that could read little (a role without a
 * grant) fails on thousands of resources, and an SNS message holds 256 KB.
 */
export function failureLines(failures: SweepFailure[], limit = Number.POSITIVE_INFINITY): string[] {
  if (!failures.length) return [];
  const more = failures.length - limit;
  return [
    '',
    `Not swept (${failures.length}):`,
    ...failures.slice(0, limit).map((f) => `- ${f.resource}: ${f.error}`),
    ...(more > 0 ? [`… and ${more} more not swept, left out of this message: \`shepherd sweep\` lists them all`] : []),
  ];
}

/** The estimated saving, or why there is none: a missing price is unknown, never $0. */
function savingLine(findings: Finding[], prices: PriceTable, brief = false): string {
  const sum = totals(findings);
  if (sum.monthlySavingUsd === null)
    return prices.unpricedRegion
      ? `no prices for ${prices.unpricedRegion}`
      : `saving unknown (${sum.unpriced} with no estimate)`;
  const more = sum.unpriced && !brief ? ` (${sum.unpriced} more with no estimate)` : '';
  return `est. ${savingPhrase(sum)}/month to save${more}`;
}

/** Within SNS's 100 characters: without how many have no estimate ("at least" still says so) when that is too long. */
export function subjectOf(findings: Finding[], prices: PriceTable): string {
  const full = `Shepherd cost sweep: ${findings.length} finding(s), ${savingLine(findings, prices)}`;
  if (full.length <= SUBJECT_LIMIT) return full;
  return subject(`Shepherd cost sweep: ${findings.length} finding(s), ${savingLine(findings, prices, true)}`);
}

export function chatMessage(
  findings: SweptFinding[],
  prices: PriceTable,
  failures: number,
  stack: StackTarget,
): ChatMessage {
  const sum = totals(findings);
  const command = (args: string) => `\`${shepherdCommand(stack, args)}\``;
  const top = findings.slice(0, 8).map((f) => {
    const saving = f.monthlySavingUsd === null ? 'unknown' : `$${f.monthlySavingUsd.toFixed(2)}`;
    return `• *${f.kind}* \`${f.resource}\`: ${saving}${perUnit(f)} (${f.outcome})`;
  });
  return {
    title: `:money_with_wings: Cost sweep: ${savingLine(findings, prices)}`,
    description: [
      `${sum.findings} finding(s); estimates (${pricesNote(prices)}), not bills.`,
      ...top,
      ...(findings.length > top.length ? [`…and ${findings.length - top.length} more in the email report.`] : []),
      ...(failures ? [`${failures} resource(s) could not be swept.`] : []),
    ].join('\n'),
    nextSteps: [`${command('sweep')} prints the full report; ${command('restore <endpoint>')} undoes a deletion`],
    keywords: ['cost', 'sagemaker'],
    summary: `${sum.findings} cost finding(s)`,
    eventType: 'Cost Sweep Completed',
  };
}

export function eventDetail(at: string, findings: SweptFinding[], failures: SweepFailure[], actions: number) {
  const sum = totals(findings);
  return {
    at,
    /** Null when unknown; with `unpricedFindings` > 0, the priced part only. */
    estimatedMonthlySavingUsd: sum.monthlySavingUsd,
    unpricedFindings: sum.unpriced,
    /** Apart from the monthly figure: what spot would have saved the window's runs without it. */
    estimatedTrainingSavingUsd: sum.runs.savingUsd,
    unpricedTrainingRuns: sum.runs.unpriced,
    findingsByKind: sum.byKind,
    actionsTaken: actions,
    failures: failures.length,
    findings: findings.slice(0, EVENT_FINDINGS),
    ...(findings.length > EVENT_FINDINGS ? { findingsLeftOut: findings.length - EVENT_FINDINGS } : {}),
  };
}

/** `idle-endpoint` → `IdleEndpointFindings`. */
export const findingsMetric = (kind: string) =>
  `${kind.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase())}Findings`;
