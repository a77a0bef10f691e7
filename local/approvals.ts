// How a local run's approver answers: on a terminal, the approval links are printed and the run waits for a click
// on one of them, or for the `[Y/n]` prompt, whichever comes first.
import type { Cloud } from './cloud';
import { TOPIC_ARN } from './cloud/stack';

const LINK = /^(Approve|Reject|Promote|Abort): (https?:\/\/\S+)$/gm;

const sent = (cloud: Cloud, subject: string): string[] =>
  cloud.sns
    .outbox()
    .filter((m) => m.topicArn === TOPIC_ARN && m.attributes.approver && m.message.includes(subject))
    .flatMap((m) => [...m.message.matchAll(LINK)].map(([, label, url]) => `${m.attributes.approver} ${label}: ${url}`));

/**
 * The links each approver was sent about `subject` (a package ARN), as `<approver> <Action>: <url>`. The message
 * follows the `Approval Requested` event by a moment: waited for briefly, none when the line has no approvers.
 */
export async function linksAbout(cloud: Cloud, subject: string): Promise<string[]> {
  for (let look = 0; look < 20; look++) {
    const links = sent(cloud, subject);
    if (links.length) return links;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return [];
}

const packageStatus = (cloud: Cloud, arn: string) =>
  cloud.sagemaker.modelPackages().find((p) => p.arn === arn)?.approvalStatus;

/**
 * Asks on the terminal while watching the package, virtual time standing still: `link` when someone decided through
 * a link (or anywhere else) first, which withdraws the prompt; else the terminal's answer.
 */
export async function askOrClick(
  cloud: Cloud,
  arn: string,
  question: string,
  ask: (question: string, signal?: AbortSignal) => Promise<boolean>,
): Promise<'link' | boolean> {
  // The world waits for the person, as it waits for a running handler: however long they take to read the page,
  // nothing is superseded meanwhile and the scenario plays out as it would have.
  const release = cloud.clock.hold();
  const withdraw = new AbortController();
  const answered = ask(question, withdraw.signal).then(
    (approve) => ({ approve }),
    () => undefined,
  );
  const clicked = (async () => {
    while (!withdraw.signal.aborted) {
      if (packageStatus(cloud, arn) !== 'PendingManualApproval') return 'link' as const;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return undefined;
  })();
  const first = await Promise.race([answered, clicked]).finally(release);
  withdraw.abort();
  return first === 'link' || first === undefined ? 'link' : first.approve;
}
