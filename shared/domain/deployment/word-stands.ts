// A promote or abort whose request AWS refused the caller (the CLI's user, the approval link's role) after the word
// was written: it stands, as the reconciler makes the request with its own role. AWS's error alone reads as "nothing
// happened" and sends someone to the console in the middle of a rollback; the CLI and the link page say this instead.
import { type HumanChoice, humanVerdict } from './human';
import type { DeploymentState } from './state';

/**
 * What stands, as the deployment state read after the refusal shows it; undefined when the word was not taken (the
 * refusal came before it was written), for the caller to report the refusal as one.
 * `whom`: who AWS refused ("you", "the approval link"); `refusal`: the error, as much of it as the reader may see.
 */
export function wordThatStands(
  state: DeploymentState,
  choice: HumanChoice,
  whom: string,
  refusal: string,
  deploymentId?: string,
): string | undefined {
  const now = humanVerdict(state, choice, deploymentId);
  if (now.outcome !== 'already') return undefined;
  return (
    `${state.endpoint}: the ${choice} is decided and recorded (${now.message}), but AWS refused ${whom} a request it ` +
    `needs (${refusal}): Shepherd's reconciler makes it with its own role within a minute`
  );
}
