// A canary held for a human (`onInconclusive: hold`): its alert carries Promote and Abort links for each approver
// of the line, and its chat card the CLI commands (naming the stack that holds it), never a link.
import type { Notification } from '../actions';
import { shepherdCommand, type StackTarget } from '../cli-command';
import type { DeployedLine } from '../deployment/line';
import type { Deployment } from '../deployment/state';
import { consoleLink } from '../notify';

export function heldForHuman(
  line: DeployedLine,
  active: Deployment,
  alert: Notification,
  stack: StackTarget,
): Notification {
  const endpoint = line.deployment.endpointName;
  const command = (verb: string) => shepherdCommand(stack, `${verb} ${endpoint} --reason "…"`);
  return {
    ...alert,
    message: `${alert.message}\n\nPromote: ${command('promote')}\nAbort:   ${command('abort')}`,
    links: {
      subject: active.id,
      deploymentStartedAt: Date.parse(active.startedAt),
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
