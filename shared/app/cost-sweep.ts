// A cost sweep, from the schedule or the CLI (`shepherd sweep [--enforce]`, `shepherd restore <endpoint>`): survey,
// decide what enforcement may do, do it (snapshotting an endpoint before deleting it), then say what was found.
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { EventsAdapter } from '../aws/events';
import type { SageMakerRecommenderAdapter } from '../aws/sagemaker-recommender';
import type { NotificationsAdapter } from '../aws/sns';
import { planActions } from '../domain/cost/enforcement';
import type { StackTarget } from '../domain/cli-command';
import type { Finding } from '../domain/cost/findings';
import { type PriceTable, pricesFor } from '../domain/cost/prices';
import { reportText, savingPhrase, totals, unpricedPhrase } from '../domain/cost/report';
import type { SnapshotStore } from '../state/snapshots';
import type { TimelineStore } from '../state/timeline';
import {
  COST_TIMELINE,
  chatMessage,
  eventDetail,
  failureLines,
  findingsMetric,
  outcomes,
  subjectOf,
} from './cost-output';
import { type Restored, restoreEndpoint, takeAction } from './cost-actions';
import { recommend } from './cost-recommender';
import { survey, type SurveyDeps, tagsOf } from './cost-survey';
import type { SweepFailure } from './sweep-failures';
import type { SweptFinding } from './cost-output';

/** Findings listed one by one in the mail (about 300 bytes each). */
const MAIL_FINDINGS = 300;
/** Resources not swept listed one by one in the mail (a few hundred bytes each), as Drift Detected lists 100. */
const MAIL_FAILURES = 100;

export interface CostSweepDeps extends Omit<SurveyDeps, 'prices'> {
  events: EventsAdapter;
  notifications: NotificationsAdapter;
  /** Inference Recommender, for `costSweep.inferenceRecommender`. */
  recommender?: SageMakerRecommenderAdapter;
  timeline: TimelineStore;
  snapshots: SnapshotStore;
  logger: Logger;
  metrics: Metrics;
  clock: () => Date;
  /** The stack the sweep runs for: the commands its chat card prints must act on it (cli-command.ts). */
  stack: StackTarget;
}

export interface SweepResult {
  at: string;
  /** Null when unknown (no finding that may save has a price); with `unpricedFindings` > 0, a lower bound. */
  estimatedMonthlySavingUsd: number | null;
  unpricedFindings: number;
  /** What managed spot would have saved the runs of the last `trainingDays` without it: per run, not monthly. */
  estimatedTrainingSavingUsd: number | null;
  unpricedTrainingRuns: number;
  findings: SweptFinding[];
  actions: { resource: string; action: string; ok: boolean }[];
  failures: SweepFailure[];
  report: string;
}

export class CostSweepService {
  constructor(private readonly deps: CostSweepDeps) {}

  /**
   * Report-only unless `enforce` and the config's enforcement both say so (and the resource opted in). `notify`: mail
   * the report and publish `Cost Sweep Completed`, as the schedule does; an operator's dry run only prints.
   */
  async runSweep({ enforce, notify }: { enforce: boolean; notify: boolean }): Promise<SweepResult> {
    const { config, logger, metrics } = this.deps;
    const now = this.deps.clock();
    const at = now.toISOString();
    const prices = pricesFor(this.deps.region, config.prices);
    const s = await survey({ ...this.deps, prices }, now);
    if (config.inferenceRecommender && this.deps.recommender)
      await recommend(this.deps.recommender, config.inferenceRecommender.roleArn, s);
    const policy = {
      enabled: enforce && config.enforcement.enabled,
      maxActionsPerRun: config.enforcement.maxActionsPerRun,
    };
    const { planned, skipped } = planActions(s.findings, (f) => tagsOf(s, f), policy);
    const actions = [];
    // By finding, not by name: a notebook that failed to stop says nothing of an endpoint of its name.
    const failed = new Set<Finding>();
    for (const p of planned) {
      try {
        await takeAction(this.deps, p, s, at);
        actions.push({ resource: p.finding.resource, action: p.action, ok: true });
        logger.info('cost action taken', { resource: p.finding.resource, action: p.action });
      } catch (err) {
        failed.add(p.finding);
        actions.push({ resource: p.finding.resource, action: p.action, ok: false });
        s.failures.push({ resource: p.finding.resource, error: `${p.action} failed: ${(err as Error).message}` });
      }
    }
    const findings = outcomes(s.findings, planned, skipped, failed);
    const text = (limit?: number) =>
      [
        reportText(s.findings, planned, skipped, prices, now, {
          trainingDays: config.trainingDays,
          ...(limit ? { limit } : {}),
        }),
        ...failureLines(s.failures, limit ? MAIL_FAILURES : undefined),
      ].join('\n');
    const report = text();
    const done = actions.filter((a) => a.ok).length;
    const detail = eventDetail(at, findings, s.failures, done);
    if (notify) await this.announce(text(MAIL_FINDINGS), findings, s.failures.length, prices, detail);
    const sum = totals(s.findings);
    await this.deps.timeline.put({
      model: COST_TIMELINE,
      at,
      id: 'sweep',
      type: 'cost-sweep',
      message:
        `cost sweep: ${findings.length} finding(s), est. ${savingPhrase(sum)}/month${unpricedPhrase(sum)}, ` +
        `${done} action(s), ${s.failures.length} not swept`,
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
    if (s.failures.length) metrics.addMetric('CostSweepFailures', MetricUnit.Count, s.failures.length);
    logger.info('cost sweep completed', { findings: findings.length, actions: done, failures: s.failures.length });
    return {
      at,
      estimatedMonthlySavingUsd: sum.monthlySavingUsd,
      unpricedFindings: sum.unpriced,
      estimatedTrainingSavingUsd: sum.runs.savingUsd,
      unpricedTrainingRuns: sum.runs.unpriced,
      findings,
      actions,
      failures: s.failures,
      report,
    };
  }

  /** Tells the team: the report by mail (and chat), the event on Shepherd's bus. */
  private async announce(
    message: string,
    findings: SweptFinding[],
    failures: number,
    prices: PriceTable,
    detail: ReturnType<typeof eventDetail>,
  ): Promise<void> {
    await this.deps.notifications.notify({
      kind: 'report',
      severity: 'info',
      model: COST_TIMELINE,
      subject: subjectOf(findings, prices),
      // SNS takes 256 KB: the mail lists the largest findings; `shepherd sweep` prints them all.
      message,
      chat: chatMessage(findings, prices, failures, this.deps.stack),
    });
    await this.deps.events.publish('Cost Sweep Completed', detail);
  }

  /** Recreates an endpoint a sweep deleted, from its snapshot: its config (if gone too) and its tags. */
  restoreEndpoint(name: string): Promise<Restored> {
    return restoreEndpoint(this.deps, name);
  }
}
