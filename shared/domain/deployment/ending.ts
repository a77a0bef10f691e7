import type { Notification, Severity } from '../actions';
import { alert, message, subject } from '../notify';
import type { Aftermath } from './failed';
import type { DeployedLine } from './line';
import type { Deployment, Outcome, VariantSpec } from './state';

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
  const judgements =
    ended.judgements.map((j) => `${j.weight} %: ${j.outcome} (${j.reasons.join('; ')})`).join('\n') || 'none';
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
        Judgements: `\n${judgements}`,
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
    Judgements: `\n${judgements}`,
    'Last evidence': evidence,
  });
}
