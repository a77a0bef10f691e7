// A cost sweep, from the schedule or the CLI (`shepherd sweep [--enforce]`, `shepherd restore <endpoint>`): survey,
// decide what enforcement may do, do it (snapshotting an endpoint before deleting it), then say what was found.
import type { SageMakerRecommenderAdapter } from '../aws/sagemaker-recommender';
import { planActions, type Skipped } from '../domain/cost/enforcement';
import type { Finding } from '../domain/cost/findings';
import { pricesFor } from '../domain/cost/prices';
import { reportText, totals } from '../domain/cost/report';
import type { SnapshotStore } from '../state/snapshots';
import { type Restored, restoreEndpoint, takeAction } from './cost-actions';
import { eventDetail, failureLines, outcomes, type SweptFinding } from './cost-output';
import { announceSweep, type PublishDeps, recordSweep } from './cost-publish';
import { recommend } from './cost-recommender';
import { survey, type SurveyDeps, tagsOf } from './cost-survey';
import { holdOrStop, type SweepLease } from './sweep-lease';
import type { SweepFailure } from './sweep-failures';

/** Findings listed one by one in the mail (about 300 bytes each). */
const MAIL_FINDINGS = 300;
/** Resources not swept listed one by one in the mail (a few hundred bytes each), as Drift Detected lists 100. */
const MAIL_FAILURES = 100;

export interface CostSweepDeps extends Omit<SurveyDeps, 'prices'>, PublishDeps {
  /** Inference Recommender, for `costSweep.inferenceRecommender`. */
  recommender?: SageMakerRecommenderAdapter;
  snapshots: SnapshotStore;
  clock: () => Date;
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

export interface SweepRequest {
  enforce: boolean;
  notify: boolean;
  lease?: SweepLease;
  /** The scheduled run's actions over all its attempts; each attempt takes one before it acts. */
  slots?: { take(cap: number): Promise<boolean> };
}

export class CostSweepService {
  constructor(private readonly deps: CostSweepDeps) {}

  /**
   * Report-only unless `enforce` and the config's enforcement both say so (and the resource opted in). `notify`: mail
   * the report and publish `Cost Sweep Completed`, as the schedule does; an operator's dry run only prints.
   * `lease`: the scheduled sweep's claim on its run, kept before each action and the mail (throws SweepLeaseLost).
   */
  async runSweep({ enforce, notify, lease, slots }: SweepRequest): Promise<SweepResult> {
    const { config, logger } = this.deps;
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
    const heldBack: Skipped[] = [];
    for (const [i, step] of planned.entries()) {
      // Before each: the survey, or an action, may have outlasted a lease that could not be renewed meanwhile.
      await holdOrStop(lease, `acting on ${step.finding.resource}`, this.deps);
      // Lambda's retry of an incomplete sweep plans anew: what the attempts before it took counts against the cap.
      if (slots && !(await slots.take(policy.maxActionsPerRun))) {
        const why = `the run's cap of ${policy.maxActionsPerRun} action(s) is reached, with its earlier attempts`;
        skipped.push(...planned.splice(i).map(({ finding }) => ({ finding, why })));
        break;
      }
      try {
        const why = await takeAction(this.deps, step, s, at);
        if (why) {
          heldBack.push({ finding: step.finding, why });
          logger.warn('cost action held back', { resource: step.finding.resource, action: step.action, why });
          continue;
        }
        actions.push({ resource: step.finding.resource, action: step.action, ok: true });
        logger.info('cost action taken', { resource: step.finding.resource, action: step.action });
      } catch (err) {
        failed.add(step.finding);
        actions.push({ resource: step.finding.resource, action: step.action, ok: false });
        s.failures.push({ resource: step.finding.resource, error: `${step.action} failed: ${(err as Error).message}` });
      }
    }
    // Not acted on after all: reported as skipped, with why, like the findings the plan left alone.
    const held = new Set(heldBack.map(({ finding }) => finding));
    const actedOn = planned.filter(({ finding }) => !held.has(finding));
    skipped.push(...heldBack);
    const findings = outcomes(s.findings, actedOn, skipped, failed);
    const text = (limit?: number) =>
      [
        reportText(s.findings, actedOn, skipped, prices, now, {
          trainingDays: config.trainingDays,
          ...(limit ? { limit } : {}),
        }),
        ...failureLines(s.failures, limit ? MAIL_FAILURES : undefined),
      ].join('\n');
    const report = text();
    const done = actions.filter((a) => a.ok).length;
    const detail = eventDetail(at, findings, s.failures, done);
    if (notify) {
      await holdOrStop(lease, 'mailing its report', this.deps);
      await announceSweep(this.deps, text(MAIL_FINDINGS), findings, s.failures.length, prices, detail);
    }
    const sum = totals(s.findings);
    await recordSweep(this.deps, { at, findings, done, failures: s.failures.length, sum, detail });
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

  /** Recreates an endpoint a sweep deleted, from its snapshot: its config (if gone too) and its tags. */
  restoreEndpoint(name: string): Promise<Restored> {
    return restoreEndpoint(this.deps, name);
  }
}
