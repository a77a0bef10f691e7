// What a confirmation page shows about its subject, from the package's registry metadata and the deployment item.
import type { DeploymentState } from '../deployment/state';
import { metricKey, versusProduction } from '../retraining/package-request';
import type { LinkClaims } from './token';
import { weightStanding } from '../deployment/standing';

export interface PackageFacts {
  arn: string;
  group: string;
  version?: number;
  status: string;
  createdAt?: string;
  metadata: Record<string, string>;
}

const bytes = (n: number): string =>
  n >= 1024 ** 3
    ? `${(n / 1024 ** 3).toFixed(1)} GiB`
    : n >= 1024 ** 2
      ? `${(n / 1024 ** 2).toFixed(1)} MiB`
      : `${n} B`;

/** The quality gate, trigger and data window Shepherd wrote on the package when it registered it. */
export function packageFacts(p: PackageFacts): [string, string][] {
  const m = p.metadata;
  const objective = m['shepherd:objective'];
  const value = objective ? m[metricKey(objective)] : undefined;
  const production = m['shepherd:productionValue'];
  const versus = versusProduction(objective ?? '', production, m['shepherd:productionPackage']);
  const objects = m['shepherd:windowObjects'];
  const windowBytes = Number(m['shepherd:windowBytes']);
  const rows: [string, string | undefined][] = [
    ['Model package', `${p.group} version ${p.version ?? '?'} (${p.status})`],
    ['Quality gate', objective && value !== undefined ? `${objective} = ${value} against ${versus}` : undefined],
    ['Trigger', m['shepherd:trigger']],
    [
      'Data window',
      objects !== undefined
        ? `${objects} object(s), ${Number.isFinite(windowBytes) ? bytes(windowBytes) : '?'}` +
          (m['shepherd:startedAt'] ? `, training started ${m['shepherd:startedAt']}` : '')
        : undefined,
    ],
    ['Training job', m['shepherd:trainingJob']],
    ['Registered', p.createdAt],
    ['ARN', p.arn],
  ];
  return rows.filter((row): row is [string, string] => row[1] !== undefined && row[1] !== '');
}

/** The deployment a promote or abort link is about, as the state table has it. */
export function deploymentFacts(state: DeploymentState, deploymentId: string): [string, string][] {
  const active = state.active?.id === deploymentId ? state.active : undefined;
  if (!active) return [['Deployment', `${deploymentId} on ${state.endpoint}`]];
  const last = active.judgements.at(-1);
  const rows: [string, string | undefined][] = [
    ['Endpoint', state.endpoint],
    // The weight asked for is not said as serving until it was seen in service (deployment/standing.ts).
    ['Deployment', `${active.id}: ${active.kind} ${weightStanding(active)} (step ${active.step + 1})`],
    ['Candidate', `${active.package.group} version ${active.package.version}`],
    ['Baseline', active.baseline ? `${active.baseline.variant} (${active.baseline.model})` : undefined],
    ['Why it waits', active.reason],
    [
      'Last judgement',
      last ? `${last.outcome} at ${last.weight} % (${last.at}): ${last.reasons.join('; ')}` : undefined,
    ],
  ];
  return rows.filter((row): row is [string, string] => row[1] !== undefined && row[1] !== '');
}

export const expiryFact = (claims: LinkClaims): [string, string] => [
  'Link valid until',
  new Date(claims.expiresAt * 1000).toISOString(),
];
