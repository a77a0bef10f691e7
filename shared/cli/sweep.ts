// `shepherd sweep` and `shepherd restore`: the cost sweep of the costSweep function, run now with the caller's
// credentials against the target's account, and the restore of an endpoint a sweep deleted.
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { CostSweepService, type SweepResult } from '../app/cost-sweep';
import { CostMetricsAdapter } from '../aws/cost-metrics';
import { SageMakerCleanupAdapter } from '../aws/sagemaker-cleanup';
import { SageMakerCostAdapter } from '../aws/sagemaker-cost';
import { SageMakerWorkspacesAdapter } from '../aws/sagemaker-workspaces';
import { SageMakerRecommenderAdapter } from '../aws/sagemaker-recommender';
import { shepherdPrefixes } from '../domain/cost/leftovers';
import { trainingPrefixes } from '../domain/cost/running-training';
import type { Context } from './context';
import { UsageError } from './errors';
import { table } from './format';

export function costSweepOf(ctx: Context): CostSweepService {
  const sweep = ctx.config.costSweep;
  if (!sweep) throw new UsageError('shepherd.yml has no costSweep section: add one to sweep (README, Cost sweeps)');
  const sagemakerClient = new SageMakerClient(ctx.target.client);
  return new CostSweepService({
    ...ctx.services,
    sagemaker: new SageMakerCostAdapter(sagemakerClient),
    workspaces: new SageMakerWorkspacesAdapter(sagemakerClient),
    cleanup: new SageMakerCleanupAdapter(sagemakerClient),
    recommender: new SageMakerRecommenderAdapter(sagemakerClient),
    cloudwatch: new CostMetricsAdapter(new CloudWatchClient(ctx.target.client)),
    config: sweep,
    stack: ctx.target.stack,
    region: ctx.target.client.region ?? process.env.AWS_REGION ?? 'us-east-1',
    shepherdPrefixes: shepherdPrefixes(ctx.config.models),
    trainingPrefixes: trainingPrefixes(ctx.config.models),
  });
}

const dollars = (usd: number | null) => (usd === null ? 'unknown' : `$${usd.toFixed(2)}`);

/** The estimated saving as the totals line says it: unknown is not $0, and a partial sum says what it leaves out. */
function savingOf({ estimatedMonthlySavingUsd: usd, unpricedFindings: unpriced }: SweepResult): string {
  if (usd === null) return `saving unknown (${unpriced} finding(s) with no estimate)`;
  const more = unpriced ? ` (${unpriced} more finding(s) with no estimate)` : '';
  return `an estimated ${unpriced ? 'at least ' : ''}${dollars(usd)}/month to save${more}`;
}

/** What spot would have saved the training runs found, apart: a run's figure is not a month's. */
function trainingOf({ estimatedTrainingSavingUsd: usd, unpricedTrainingRuns: unpriced, findings }: SweepResult) {
  const runs = findings.filter((f) => f.per === 'run').length;
  if (!runs) return '';
  if (usd === null) return `; ${runs} training run(s) without spot, saving unknown`;
  return `; ${unpriced ? 'at least ' : ''}${dollars(usd)} to save on ${runs} training run(s) with managed spot`;
}

/** Totals first, then every finding by its saving, as the mailed report reads. */
export function sweepTable(result: SweepResult): string {
  const rows = [...result.findings]
    .sort((a, b) => (b.monthlySavingUsd ?? -1) - (a.monthlySavingUsd ?? -1))
    .map((f) => {
      const per = f.per === 'run' ? '/run' : f.per === 'so-far' ? ' so far' : '';
      return { ...f, cost: dollars(f.monthlyCostUsd) + per, saving: dollars(f.monthlySavingUsd) + per };
    });
  const taken = result.actions.filter((a) => a.ok).length;
  return [
    `${result.findings.length} findings, ${savingOf(result)}${trainingOf(result)}; ` +
      `${taken} action(s) taken, ${result.failures.length} resource(s) not swept`,
    '',
    table(rows, [
      { key: 'kind', title: 'kind' },
      { key: 'resource', title: 'resource' },
      { key: 'cost', title: 'cost/month' },
      { key: 'saving', title: 'saving/month' },
      { key: 'outcome', title: 'outcome' },
    ]),
    ...result.failures.map((f) => `not swept: ${f.resource}: ${f.error}`),
  ].join('\n');
}
