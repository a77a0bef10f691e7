// How an approver still decides once their link has expired: no new link can be issued for a subject, so the page
// names the CLI command for exactly this stack and subject, as the notification printed it, and, for a package, the
// Model Registry, whose decision Shepherd acts on as on its own.
import { shepherdCommand, type StackTarget } from '../cli-command';
import { packageVersion } from './lost';
import type { LinkClaims } from './token';

/** `endpoint`: the line's, which a promote or abort command names. */
export function decideElsewhere(claims: LinkClaims, endpoint: string | undefined, stack: StackTarget): string {
  const { action, model, subject } = claims;
  if (action === 'approve' || action === 'reject') {
    const version = packageVersion(subject)?.version;
    const command = version === undefined ? undefined : `${action} ${model} --version ${version} --reason "…"`;
    const registry = 'or in the Model Registry (SageMaker Studio), whose decision Shepherd acts on';
    return command ? `Decide with the CLI: ${shepherdCommand(stack, command)}, ${registry}.` : `Decide ${registry}.`;
  }
  if (!endpoint) return 'Decide with the shepherd CLI.';
  return `Decide with the CLI: ${shepherdCommand(stack, `${action} ${endpoint} --reason "…"`)}.`;
}
