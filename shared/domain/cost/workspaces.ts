// Notebook instances left running, and training that paid on-demand rates. Pure, as findings.ts (Studio apps:
// studio.ts).
import { estimateOf, type Finding } from './findings';
import { hourlyPrice, monthlyCost, pricesNote, round, type PriceTable } from './prices';

export interface NotebookSeen {
  name: string;
  status: string;
  instanceType: string;
  lastModified: string;
}
export interface TrainingSeen {
  name: string;
  instanceType: string;
  instanceCount: number;
  spot: boolean;
  trainingSeconds: number;
  billableSeconds: number;
  endedAt: string;
}

const HOUR_MS = 3_600_000;

/**
 * A notebook InService longer than `notebookHours`: SageMaker has no idleness signal, so time running is
 * the evidence.
 */
export function notebookFindings(
  notebooks: NotebookSeen[],
  notebookHours: number,
  prices: PriceTable,
  region: string,
  now: Date,
): Finding[] {
  return notebooks.flatMap((n): Finding[] => {
    const hours = (now.getTime() - Date.parse(n.lastModified)) / HOUR_MS;
    if (n.status !== 'InService' || hours <= notebookHours) return [];
    const cost = monthlyCost(prices, region, n.instanceType, 1, 'notebook') ?? null;
    return [
      {
        kind: 'notebook',
        resource: n.name,
        evidence: `${n.instanceType} in service for ${Math.floor(hours)} h (more than ${notebookHours} h)`,
        monthlyCostUsd: cost,
        monthlySavingUsd: cost,
        action: 'stop',
        estimate: estimateOf(prices, cost),
      },
    ];
  });
}

/** A saving managed spot typically gives; AWS quotes up to 90 %. Used only for jobs that did not use spot. */
export const TYPICAL_SPOT_SAVING = 0.7;

/** Jobs without managed spot, priced at what spot would typically have saved; spot jobs with the saving they had. */
export function trainingFindings(jobs: TrainingSeen[], prices: PriceTable, region: string): Finding[] {
  return jobs.flatMap((j): Finding[] => {
    if (j.spot) return [];
    const hours = (j.billableSeconds * j.instanceCount) / 3600;
    const hourly = hourlyPrice(prices, 'training', region, j.instanceType);
    const spent = hourly === undefined ? null : round(hourly * hours);
    const saving = spent === null ? null : round(spent * TYPICAL_SPOT_SAVING);
    return [
      {
        kind: 'non-spot-training',
        resource: j.name,
        evidence:
          `${hours.toFixed(1)} instance-hours of ${j.instanceType} on demand; ` +
          `managed spot with checkpoints typically saves ${TYPICAL_SPOT_SAVING * 100} %`,
        monthlyCostUsd: spent,
        monthlySavingUsd: saving,
        action: 'report',
        estimate: spent === null ? estimateOf(prices, null) : `estimate for this run, ${pricesNote(prices)}`,
        // What one run cost: a month of such runs is not known from a window of them (a backfill runs once).
        per: 'run',
      },
    ];
  });
}

/** What managed spot saved the spot jobs: 1 - billable / training time, from SageMaker's own figures. */
export function spotSaving(jobs: TrainingSeen[]): { jobs: number; savedShare: number } {
  const spot = jobs.filter((j) => j.spot && j.trainingSeconds > 0);
  const training = spot.reduce((sum, j) => sum + j.trainingSeconds * j.instanceCount, 0);
  const billable = spot.reduce((sum, j) => sum + j.billableSeconds * j.instanceCount, 0);
  return { jobs: spot.length, savedShare: training > 0 ? round(1 - billable / training) : 0 };
}
