// The summary's deployments: which ended and how, as Shepherd's events say, beside what the emulated endpoints
// and traffic measured of each (seen-deployments.ts). A deployment the endpoints saw that no event ended yet is
// listed as in_progress; an event whose deployment the endpoints never saw keeps empty measurements.
import type { AwsEvent } from './core';
import { sameName, type SeenDeployment } from './seen-deployments';

type Measured = Omit<SeenDeployment, 'endpoint' | 'modelPackageArn' | 'startedAt'> & { startedAt: string | null };

export interface SummaryDeployment extends Measured {
  endpoint: string;
  modelPackageArn: string;
  outcome: string;
  reason: string;
}

const ENDED = ['Deployment Promoted', 'Deployment Rolled Back'];
const IN_PROGRESS = { outcome: 'in_progress', reason: '' };
const UNSEEN: Measured = {
  startedAt: null,
  endedAt: null,
  steps: [],
  candidateRequests: 0,
  candidateErrors: 0,
  rollbackRequestedAt: null,
};
const measured = ({ endpoint: _e, modelPackageArn: _p, ...m }: SeenDeployment): Measured => m;

export function summaryDeployments(
  published: readonly AwsEvent[],
  seen: readonly SeenDeployment[],
): SummaryDeployment[] {
  const claimed = new Set<SeenDeployment>();
  const ended = published
    .filter((e) => ENDED.includes(e['detail-type']))
    .map((e) => {
      const [endpoint, modelPackageArn] = [String(e.detail.endpoint), String(e.detail.modelPackageArn)];
      // The nth event of a package on an endpoint ends the nth deployment of it there.
      const mine = (d: SeenDeployment) =>
        sameName(d.endpoint, endpoint) && sameName(d.modelPackageArn, modelPackageArn);
      const s = seen.find((d) => !claimed.has(d) && mine(d));
      if (s) claimed.add(s);
      const outcome = { outcome: String(e.detail.outcome), reason: String(e.detail.reason) };
      return { endpoint, modelPackageArn, ...outcome, ...(s ? measured(s) : UNSEEN) };
    });
  const running = seen
    .filter((d) => !claimed.has(d))
    .map((d) => ({ endpoint: d.endpoint, modelPackageArn: d.modelPackageArn, ...IN_PROGRESS, ...measured(d) }));
  return [...ended, ...running];
}

const clock = (at: string) => at.slice(11, 19);

/** `1h05m`, `30m`, `2m30s`, `0s`. */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  const [h, m, sec] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m`;
  return m > 0 ? `${m}m${sec ? `${String(sec).padStart(2, '0')}s` : ''}` : `${sec}s`;
}

/** What the endpoint saw: when, each share and how long it held, the candidate's traffic, the rollback call. */
export function seenLine(d: SummaryDeployment): string {
  if (d.startedAt === null) return 'never seen on the endpoint';
  const span = `${clock(d.startedAt)}–${d.endedAt ? clock(d.endedAt) : 'not ended'}`;
  const held = (s: SummaryDeployment['steps'][number]) =>
    s.servingUntil ? duration(Date.parse(s.servingUntil) - Date.parse(s.servingFrom)) : `since ${clock(s.servingFrom)}`;
  const shares = d.steps.map((s) => `${s.weight} % ${held(s)}`);
  const steps = shares.length ? shares.join(' → ') : 'never shared the endpoint';
  const rollback = d.rollbackRequestedAt ? `; rollback requested ${clock(d.rollbackRequestedAt)}` : '';
  return `${span}: ${steps}; candidate served ${d.candidateRequests} requests, ${d.candidateErrors} 5XX${rollback}`;
}
