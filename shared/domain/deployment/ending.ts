import type { Notification, Severity } from '../actions';
import { alert, message, subject } from '../notify';
import type { Aftermath } from './failed';
import type { DeployedLine } from './line';
import type { Deployment, Outcome, VariantSpec } from './state';

/**
 * One judgement a line below the heading; none said in words on the heading's row, as a bare `none` under it reads
 * as a section left empty. The first model of an endpoint is never judged: it has nothing to be compared with.
 */
function judgementsRow(ended: Deployment): string {
  if (ended.judgements.length === 0) {
    return ended.kind === 'create' ? 'none: no baseline to judge against' : 'none: it ended before its first judgement';
  }
  return `\n${ended.judgements.map((j) => `${j.weight} %: ${j.outcome} (${j.reasons.join('; ')})`).join('\n')}`;
}

/** The report of a promotion, or the alert of a deployment that ended without one. */
export function ending(
  line: DeployedLine,
  ended: Deployment,
  outcome: Outcome,
  reason: string,
  severity: Severity,
  serving: VariantSpec | undefined,
  after: Aftermath,
): Notification {
  const endpointName = line.deployment.endpointName;
  const judgements = judgementsRow(ended);
  const evidence = ended.evidence ? `\n${ended.evidence}` : undefined;
  if (outcome === 'promoted') {
    return {
      kind: 'report',
      severity,
      model: line.name,
      subject: subject(`[Shepherd] ${line.name}: ${endpointName} now serves v${ended.package.version}`),
      message: message(`${ended.package.arn} was promoted on ${endpointName}.`, {
        Reason: reason,
        ...after.facts,
        Judgements: judgements,
        'Last evidence': evidence,
      }),
    };
  }
  const title = `deployment on ${endpointName} ${outcome === 'failed' ? 'failed' : 'rolled back'}`;
  const headline = after.headline ?? `${ended.package.arn} is not serving on ${endpointName}.`;
  return alert(line.name, severity, title, headline, {
    Reason: reason,
    Serving: serving?.variant ?? 'see the endpoint',
    ...after.facts,
    Judgements: judgements,
    'Last evidence': evidence,
  });
}
