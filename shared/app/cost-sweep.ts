// A cost sweep, from the schedule or the CLI (`shepherd sweep [--enforce]`, `shepherd restore <endpoint>`): survey,
// decide what enforcement may do, do it (snapshotting an endpoint before deleting it), then say what was found.
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { EndpointConfigCopy } from '../aws/sagemaker-cost';
import type { EventsAdapter } from '../aws/events';
import type { SageMakerRecommenderAdapter } from '../aws/sagemaker-recommender';
import type { NotificationsAdapter } from '../aws/sns';
import { planActions, type Planned } from '../domain/cost/enforcement';
import { pricesFor } from '../domain/cost/prices';
import { reportText, savingPhrase, totals, unpricedPhrase } from '../domain/cost/report';
import type { SnapshotStore } from '../state/snapshots';
import type { TimelineStore } from '../state/timeline';
import { endpointSnapshotKey } from '../state/keys';
import { chatMessage, eventDetail, failureLines, findingsMetric, outcomes, subjectOf } from './cost-output';
import { recommend } from './cost-recommender';
import { survey, type SurveyDeps } from './cost-survey';
import type { SweepFailure } from './sweep-failures';
import type { SweptFinding } from './cost-output';

/** Findings listed one by one in the mail (about 300 bytes each). */
const MAIL_FINDINGS = 300;

/** The timeline of account-wide facts: sweeps and what they did. */
export const COST_TIMELINE = 'cost-sweep';

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
}

export interface SweepResult {
  at: string;
  /** Null when unknown (no finding that may save has a price); with `unpricedFindings` > 0, a lower bound. */
  estimatedMonthlySavingUsd: number | null;
  unpricedFindings: number;
  findings: SweptFinding[];
  actions: { resource: string; action: string; ok: boolean }[];
  failures: SweepFailure[];
  report: string;
}

interface Snapshot {
  endpointName: string;
  config: EndpointConfigCopy;
  variants: unknown[];
  tags: Record<string, string>;
}

export class CostSweepService {
  constructor(private readonly deps: CostSweepDeps) {}

  /** Report-only unless `enforce` and the config's enforcement both say so (and the resource opted in). */
  async runSweep({ enforce }: { enforce: boolean }): Promise<SweepResult> {
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
    const { planned, skipped } = planActions(s.findings, (r) => s.tags.get(r) ?? {}, policy);
    const actions = [];
    for (const p of planned) {
      try {
        await this.act(p, s, at);
        actions.push({ resource: p.finding.resource, action: p.action, ok: true });
        logger.info('cost action taken', { resource: p.finding.resource, action: p.action });
      } catch (err) {
        actions.push({ resource: p.finding.resource, action: p.action, ok: false });
        s.failures.push({ resource: p.finding.resource, error: `${p.action} failed: ${(err as Error).message}` });
      }
    }
    const failed = new Set(actions.filter((a) => !a.ok).map((a) => a.resource));
    const findings = outcomes(s.findings, planned, skipped, failed);
    const text = (limit?: number) =>
      [reportText(s.findings, planned, skipped, prices, now, limit), ...failureLines(s.failures)].join('\n');
    const report = text();
    const done = actions.filter((a) => a.ok).length;
    await this.deps.notifications.notify({
      kind: 'report',
      severity: 'info',
      model: COST_TIMELINE,
      subject: subjectOf(s.findings, prices),
      // SNS takes 256 KB: the mail lists the largest findings; `shepherd sweep` prints them all.
      message: text(MAIL_FINDINGS),
      chat: chatMessage(findings, prices, s.failures.length),
    });
    const detail = eventDetail(at, findings, s.failures, done);
    const sum = totals(s.findings);
    await this.deps.events.publish('Cost Sweep Completed', detail);
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
    metrics.addMetric('UnpricedFindings', MetricUnit.Count, sum.unpriced);
    for (const [kind, n] of Object.entries(detail.findingsByKind))
      metrics.addMetric(findingsMetric(kind), MetricUnit.Count, n);
    metrics.addMetric('ActionsTaken', MetricUnit.Count, done);
    if (s.failures.length) metrics.addMetric('CostSweepFailures', MetricUnit.Count, s.failures.length);
    logger.info('cost sweep completed', { findings: findings.length, actions: done, failures: s.failures.length });
    return {
      at,
      estimatedMonthlySavingUsd: sum.monthlySavingUsd,
      unpricedFindings: sum.unpriced,
      findings,
      actions,
      failures: s.failures,
      report,
    };
  }

  private async act(p: Planned, s: Awaited<ReturnType<typeof survey>>, at: string): Promise<void> {
    const { cleanup: sagemaker, snapshots, timeline } = this.deps;
    const resource = p.finding.resource;
    if (p.finding.kind === 'idle-endpoint') {
      const endpoint = s.endpoints.get(resource)!;
      const config = s.configs.get(endpoint.configName)!;
      const snapshot: Snapshot = { endpointName: resource, config, variants: endpoint.variants, tags: endpoint.tags };
      // Kept before the deletion: an endpoint Shepherd cannot bring back is never deleted.
      await snapshots.put(endpointSnapshotKey(resource), at, { ...snapshot });
      await sagemaker.deleteEndpoint(resource);
    } else if (p.finding.kind === 'notebook') await sagemaker.stopNotebook(resource);
    else if (p.finding.kind === 'leftover' && s.leftoverKinds.get(resource) === 'model')
      await sagemaker.deleteModel(resource);
    else if (p.finding.kind === 'leftover') await sagemaker.deleteEndpointConfig(resource);
    else throw new Error(`no ${p.action} action for a ${p.finding.kind} finding`);
    await timeline.put({
      model: COST_TIMELINE,
      at,
      id: `${p.action}-${resource}`,
      type: `cost-${p.action}`,
      message: `cost sweep: ${p.action} ${resource} (${p.finding.evidence})`,
    });
  }

  /** Recreates an endpoint a sweep deleted, from its snapshot: its config (if gone too) and its tags. */
  async restoreEndpoint(name: string): Promise<{ endpointName: string; endpointConfigName: string }> {
    const item = await this.deps.snapshots.get(endpointSnapshotKey(name));
    if (!item) throw new Error(`no snapshot of endpoint ${name}: no cost sweep deleted an endpoint of that name`);
    const snapshot = item as unknown as Snapshot;
    await this.deps.cleanup.recreateEndpoint(name, snapshot.config, snapshot.tags);
    const at = this.deps.clock().toISOString();
    await this.deps.timeline.put({
      model: COST_TIMELINE,
      at,
      id: `restore-${name}`,
      type: 'cost-restore',
      message: `endpoint ${name} recreated from the snapshot of ${String(item.takenAt)}`,
    });
    return { endpointName: name, endpointConfigName: snapshot.config.EndpointConfigName ?? '' };
  }
}
