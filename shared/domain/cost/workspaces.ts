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
  /** One group per instance type: a heterogeneous cluster has several (`ResourceConfig.InstanceGroups`). */
  instances: { type: string; count: number }[];
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
    const hours = (j.billableSeconds * countOf(j)) / 3600;
    // Every group runs for the job's whole billable time; one group unpriced leaves the run unpriced.
    const costs = j.instances.map((g) =>
      g.count ? (hourlyPrice(prices, 'training', region, g.type) ?? Number.NaN) * g.count : 0,
    );
    const hourly = costs.length ? costs.reduce((a, b) => a + b, 0) : Number.NaN;
    const spent = Number.isNaN(hourly) ? null : round((hourly * j.billableSeconds) / 3600);
    const saving = spent === null ? null : round(spent * TYPICAL_SPOT_SAVING);
    return [
      {
        kind: 'non-spot-training',
        resource: j.name,
        evidence:
          `${hours.toFixed(1)} instance-hours of ${typesOf(j)} on demand; ` +
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

const countOf = (j: TrainingSeen) => j.instances.reduce((sum, g) => sum + g.count, 0);

/** `ml.m5.xlarge` (`counted`: `2 x ml.m5.xlarge`), `2 x ml.m5.xlarge and 1 x ml.g5.xlarge`, or what is missing. */
export function typesOf(j: Pick<TrainingSeen, 'instances'>, counted = false): string {
  if (!j.instances.length) return 'an instance type DescribeTrainingJob did not give';
  if (j.instances.length === 1 && !counted) return j.instances[0]!.type;
  const groups = j.instances.map((g) => `${g.count} x ${g.type}`);
  return groups.length === 1 ? groups[0]! : `${groups.slice(0, -1).join(', ')} and ${groups.at(-1)}`;
}

/** What managed spot saved the spot jobs: 1 - billable / training time, from SageMaker's own figures. */
export function spotSaving(jobs: TrainingSeen[]): { jobs: number; savedShare: number } {
  const spot = jobs.filter((j) => j.spot && j.trainingSeconds > 0);
  const training = spot.reduce((sum, j) => sum + j.trainingSeconds * countOf(j), 0);
  const billable = spot.reduce((sum, j) => sum + j.billableSeconds * countOf(j), 0);
  return { jobs: spot.length, savedShare: training > 0 ? round(1 - billable / training) : 0 };
}
