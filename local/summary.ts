// What a scenario run produced, checked against what the scenario expects, for people and for `--json`.
import type { Cloud } from './cloud';
import { TOPIC_ARN } from './cloud/stack';
import type { Scenario } from './scenario';
import { seenDeployments } from './seen-deployments';
import { seenLine, summaryDeployments } from './summary-deployments';

export interface Check {
  what: string;
  expected: number;
  actual: number;
  ok: boolean;
}

const count = <T>(items: readonly T[], key: (t: T) => string | undefined) =>
  items.reduce<Record<string, number>>((acc, item) => {
    const k = key(item);
    if (k !== undefined) acc[k] = (acc[k] ?? 0) + 1;
    return acc;
  }, {});

/** What people subscribed to the notifications topic receive (chat channels get the same again as cards). */
const inbox = (cloud: Cloud) => cloud.sns.outbox().filter((n) => n.topicArn === TOPIC_ARN);

/** Findings by kind of the latest cost sweep, as its Cost Sweep Completed event counts them. */
const sweptKinds = (cloud: Cloud): Record<string, number> =>
  (latestSweep(cloud.eventbridge.published)?.detail.findingsByKind as Record<string, number> | undefined) ?? {};

export function checkExpectations(scenario: Scenario, cloud: Cloud): Check[] {
  const jobs = cloud.sagemaker.trainingJobs();
  const packages = cloud.sagemaker.modelPackages();
  const actual: Record<string, Record<string, number>> = {
    'training jobs of': count(jobs, (j) => j.tags['shepherd:model']),
    'completed trainings of': count(jobs, (j) => (j.status === 'Completed' ? j.tags['shepherd:model'] : undefined)),
    'model packages in': count(packages, (p) => p.group),
    'approved packages in': count(packages, (p) => (p.approvalStatus === 'Approved' ? p.group : undefined)),
    'domain events': count(cloud.eventbridge.published, (e) => e['detail-type']),
    'notifications of kind': count(inbox(cloud), (n) => n.attributes.kind),
    'cost findings of kind': sweptKinds(cloud),
  };
  const e = scenario.expect;
  const wanted: [string, Record<string, number>][] = [
    ['training jobs of', e.trainingJobs],
    ['completed trainings of', e.completedTrainings],
    ['model packages in', e.modelPackages],
    ['approved packages in', e.approvedPackages],
    ['domain events', e.domainEvents],
    ['notifications of kind', e.notifications],
    ['cost findings of kind', e.costFindings],
  ];
  return [
    ...wanted.flatMap(([label, want]) =>
      Object.entries(want).map(([k, expected]) => {
        const got = actual[label]?.[k] ?? 0;
        return { what: `${label} ${k}`, expected, actual: got, ok: got === expected };
      }),
    ),
    {
      what: 'dead letters',
      expected: e.deadLetters,
      actual: cloud.lambda.deadLetters.length,
      ok: cloud.lambda.deadLetters.length === e.deadLetters,
    },
  ];
}

export function summarize(cloud: Cloud, checks: Check[]) {
  return {
    trainingJobs: cloud.sagemaker.trainingJobs().map((j) => ({
      name: j.name,
      model: j.tags['shepherd:model'],
      trigger: j.tags['shepherd:trigger'],
      status: j.status,
      secondaryStatus: j.secondaryStatus,
      spot: j.spot,
      metrics: j.metrics,
    })),
    // Tuning jobs as SageMaker ran them; their children are among trainingJobs.
    tuningJobs: cloud.sagemaker.tuningJobs().map((t) => ({
      name: t.name,
      status: t.status,
      bestTrainingJob: t.bestTrainingJob ?? null,
      trainingJobs: t.children,
    })),
    modelPackages: cloud.sagemaker
      .modelPackages()
      .map((p) => ({ arn: p.arn, group: p.group, version: p.version, approvalStatus: p.approvalStatus })),
    // Outcomes from Shepherd's events; everything else measured by the emulated endpoints and traffic.
    deployments: summaryDeployments(
      cloud.eventbridge.published,
      seenDeployments(cloud.sagemaker.endpointHistory(), cloud.traffic.minutes()),
    ),
    compilations: cloud.sagemaker
      .compilationJobs()
      .map((c) => ({ name: c.name, target: c.target, status: c.status, artifact: c.artifact })),
    // Model Monitor's schedules as SageMaker ran them: each execution's scheduled hour, status and drifted features.
    monitoringSchedules: cloud.sagemaker.monitoringSchedules(),
    // What the latest cost sweep published (its Cost Sweep Completed event), with its dollar estimates.
    costFindings: costFindings(cloud.eventbridge.published),
    notifications: inbox(cloud).length,
    deadLetters: cloud.lambda.deadLetters.length,
    // What the crash fault killed, where (CloudOptions.crash): the function, the call it had just made, when.
    crashes: cloud.crash.crashes,
    errors: [
      ...cloud.lambda.deadLetters.map((d) => `${d.function}: ${d.error}`),
      ...checks.filter((c) => !c.ok).map((c) => `expected ${c.expected} ${c.what}, got ${c.actual}`),
    ],
  };
}

export type Summary = ReturnType<typeof summarize>;

interface CostFinding {
  kind: string;
  resource: string;
  evidence: string;
  monthlyCostUsd: number | null;
  monthlySavingUsd: number | null;
  estimate: string;
  outcome: string;
  /** `run`: the figures are one training run's. */
  per?: 'run';
}

const latestSweep = (published: Cloud['eventbridge']['published']) =>
  published.filter((e) => e['detail-type'] === 'Cost Sweep Completed').at(-1);

function costFindings(published: Cloud['eventbridge']['published']): CostFinding[] {
  const sweep = latestSweep(published);
  const findings = (sweep?.detail.findings ?? []) as CostFinding[];
  return findings.map(({ kind, resource, evidence, monthlyCostUsd, monthlySavingUsd, estimate, outcome, per }) => ({
    kind,
    resource,
    evidence,
    monthlyCostUsd,
    monthlySavingUsd,
    estimate,
    outcome,
    ...(per ? { per } : {}),
  }));
}

export function printSummary(summary: Summary, checks: Check[], write: (line: string) => void): void {
  write('');
  write('Summary');
  for (const j of summary.trainingJobs)
    write(
      `  training  ${j.name}  ${j.status}/${j.secondaryStatus}  trigger=${j.trigger}` +
        `${Object.keys(j.metrics).length ? `  ${JSON.stringify(j.metrics)}` : ''}`,
    );
  for (const p of summary.modelPackages) write(`  package   ${p.arn}  ${p.approvalStatus}`);
  for (const d of summary.deployments) {
    write(`  deploy    ${d.endpoint}  ${d.modelPackageArn}  ${d.outcome}`);
    write(`            ${seenLine(d)}`);
  }
  for (const t of summary.tuningJobs)
    write(`  tuning    ${t.name}  ${t.status}  ${t.trainingJobs} training job(s), best ${t.bestTrainingJob ?? 'none'}`);
  for (const c of summary.compilations) write(`  neo       ${c.name}  ${c.target}  ${c.status}`);
  const usd = (v: number | null) => (v === null ? 'unknown' : `$${v.toFixed(2)}`);
  // A finding with no dollar figure (a Studio app, an unpriced type) says what was seen instead.
  for (const f of summary.costFindings) {
    const per = f.per === 'run' ? 'run' : 'month';
    const seen = f.monthlySavingUsd === null ? f.evidence : `saving ${usd(f.monthlySavingUsd)}/${per} (estimate)`;
    write(`  cost      ${f.kind}  ${f.resource}  ${seen}  ${f.outcome}`);
  }
  for (const m of summary.monitoringSchedules) {
    const drifted = m.executions.filter((e) => e.drifted.length).length;
    write(`  monitor   ${m.name}  ${m.status}  ${m.executions.length} execution(s), ${drifted} with drift`);
  }
  for (const c of summary.crashes) write(`  crash     ${c.function} right after ${c.operation} (#${c.nth}) at ${c.at}`);
  write(`  notifications ${summary.notifications}, dead letters ${summary.deadLetters}`);
  write('');
  for (const c of checks) write(`  ${c.ok ? '✓' : '✗'} ${c.what}: expected ${c.expected}, got ${c.actual}`);
  write(
    checks.every((c) => c.ok)
      ? '\nEvery expectation held.'
      : `\n${checks.filter((c) => !c.ok).length} expectation(s) failed.`,
  );
}
