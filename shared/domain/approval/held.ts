// A canary held for a human (`onInconclusive: hold`): its alert carries Promote and Abort links for each approver
// of the line, and its chat card the CLI commands, never a link.
import type { Notification } from '../actions';
import type { DeployedLine } from '../deployment/start';
import type { Deployment } from '../deployment/state';
import { consoleLink } from '../notify';

export function heldForHuman(line: DeployedLine, active: Deployment, alert: Notification): Notification {
  const endpoint = line.deployment.endpointName;
  const command = (verb: string) => `npx shepherd ${verb} ${endpoint} --reason "…"`;
  return {
    ...alert,
    message: `${alert.message}\n\nPromote: ${command('promote')}\nAbort:   ${command('abort')}`,
    links: {
      subject: active.id,
      actions: ['promote', 'abort'],
      approvers: line.approval.approvers,
      ttlHours: line.approval.linkTtlHours,
    },
    chat: {
      title: alert.subject,
      description: alert.message,
      nextSteps: [
        `Promote: \`${command('promote')}\``,
        `Abort: \`${command('abort')}\``,
        consoleLink(active.package.arn),
      ],
      keywords: [line.name, endpoint, 'canary'],
      summary: `${line.name}: the canary of version ${active.package.version} on ${endpoint} waits for a human`,
      eventType: 'Canary Held',
      relatedResources: [active.package.arn],
    },
  };
}
