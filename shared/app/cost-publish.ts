// What a finished cost sweep leaves behind: the team told (mail, chat, the bus's event), and the sweep recorded
// (its timeline entry and its metrics). Apart from the sweep itself, which surveys, plans and acts.
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { EventsAdapter } from '../aws/events';
import type { NotificationsAdapter } from '../aws/sns';
import type { StackTarget } from '../domain/cli-command';
import type { PriceTable } from '../domain/cost/prices';
import { savingPhrase, type totals, unpricedPhrase } from '../domain/cost/report';
import type { TimelineStore } from '../state/timeline';
import { COST_TIMELINE, chatMessage, type eventDetail, findingsMetric, subjectOf } from './cost-output';
import type { SweptFinding } from './cost-output';

export interface PublishDeps {
  events: EventsAdapter;
  notifications: NotificationsAdapter;
  timeline: TimelineStore;
  logger: Logger;
  metrics: Metrics;
  /** The stack the sweep runs for: the commands its chat card prints must act on it (cli-command.ts). */
  stack: StackTarget;
}

type Detail = ReturnType<typeof eventDetail>;

/** Tells the team: the report by mail (and chat), the event on Shepherd's bus. */
export async function announceSweep(
  deps: PublishDeps,
  message: string,
  findings: SweptFinding[],
  failures: number,
  prices: PriceTable,
  detail: Detail,
): Promise<void> {
  await deps.notifications.notify({
    kind: 'report',
    severity: 'info',
    model: COST_TIMELINE,
    subject: subjectOf(findings, prices),
    // SNS takes 256 KB: the mail lists the largest findings; `shepherd sweep` prints them all.
    message,
    chat: chatMessage(findings, prices, failures, deps.stack),
  });
  await deps.events.publish('Cost Sweep Completed', detail);
}

export interface SweepOutcome {
  at: string;
  findings: SweptFinding[];
  /** Actions that succeeded. */
  done: number;
  failures: number;
  sum: ReturnType<typeof totals>;
  detail: Detail;
}

/** Records the sweep: on the cost timeline, in the function's metrics and in its log. */
export async function recordSweep(deps: PublishDeps, { at, findings, done, failures, sum, detail }: SweepOutcome) {
  const { metrics } = deps;
  await deps.timeline.put({
    model: COST_TIMELINE,
    at,
    id: 'sweep',
    type: 'cost-sweep',
    message:
      `cost sweep: ${findings.length} finding(s), est. ${savingPhrase(sum)}/month${unpricedPhrase(sum)}, ` +
      `${done} action(s), ${failures} not swept`,
    data: { findingsByKind: detail.findingsByKind },
  });
  // Unknown is not $0: no figure is published then, and UnpricedFindings says how much the figure leaves out.
  if (sum.monthlySavingUsd !== null)
    metrics.addMetric('EstimatedMonthlyWaste', MetricUnit.NoUnit, sum.monthlySavingUsd);
  // Apart: a run's saving is not a month's.
  if (sum.runs.savingUsd !== null) metrics.addMetric('EstimatedTrainingWaste', MetricUnit.NoUnit, sum.runs.savingUsd);
  // Each in its own unit, as the event gives them: monthly findings, and training runs.
  metrics.addMetric('UnpricedFindings', MetricUnit.Count, sum.unpriced);
  metrics.addMetric('UnpricedTrainingRuns', MetricUnit.Count, sum.runs.unpriced);
  for (const [kind, n] of Object.entries(detail.findingsByKind))
    metrics.addMetric(findingsMetric(kind), MetricUnit.Count, n);
  metrics.addMetric('ActionsTaken', MetricUnit.Count, done);
  if (failures) metrics.addMetric('CostSweepFailures', MetricUnit.Count, failures);
  deps.logger.info('cost sweep completed', { findings: findings.length, actions: done, failures });
}
