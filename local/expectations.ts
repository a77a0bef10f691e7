// What a scenario expects of its run, checked against what the run produced: counts of training jobs, packages,
// Shepherd's events, notifications and cost findings, and the dead letters.
import type { Cloud } from './cloud';
import { TOPIC_ARN } from './cloud/stack';
import type { Scenario } from './scenario';

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
export const inbox = (cloud: Cloud) => cloud.sns.outbox().filter((n) => n.topicArn === TOPIC_ARN);

/** The latest cost sweep's Cost Sweep Completed event, if any. */
export const latestSweep = (published: Cloud['eventbridge']['published']) =>
  published.filter((e) => e['detail-type'] === 'Cost Sweep Completed').at(-1);

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
