// What a scenario run produced, for people (printSummary) and for `--json`; the checks of what the scenario expects
// are local/expectations.ts.
import type { Cloud } from './cloud';
import { type Check, inbox, latestSweep } from './expectations';
import { seenDeployments } from './seen-deployments';
import { seenLine, summaryDeployments } from './summary-deployments';

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
  /** `run`: the figures are one training run's; `so-far`: a running job's cost up to the sweep. */
  per?: 'run' | 'so-far';
}

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
