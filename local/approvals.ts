// How a local run's approver answers: on a terminal, the approval links are printed and the run waits for a click
// on one of them, or for the `[Y/n]` prompt, whichever comes first; elsewhere the scenario answers as its approver.
import type { Cloud } from './cloud';
import type { AwsEvent } from './core';
import { TOPIC_ARN } from './cloud/stack';
import { names } from './rejections';
import type { Scenario } from './scenario';

/** How the run's approver is reached: its options of `runScenario` (local/run.ts). */
export interface ApproverOptions {
  autoApprove?: boolean;
  /**
   * Asks a human whether to approve; undefined when nobody can be asked (no terminal). The signal withdraws the
   * question once the approval came through a link.
   */
  ask?: (question: string, signal?: AbortSignal) => Promise<boolean>;
}

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

/**
 * Answers every `Approval Requested` the stack publishes, once per package and one at a time in the order they were
 * published. Each answer is timed from its event, on the virtual clock, not from when this process got to it: a
 * busy machine does not make the approver slower. `failure()` is the first answer that could not be given.
 */
export function answerApprovals(cloud: Cloud, scenario: Scenario, opts: ApproverOptions): { failure(): unknown } {
  const answered = new Set<string>();
  let answering = Promise.resolve();
  let failed: unknown;
  // `approver: none`: nobody answers, so a person or a script can try the links and the CLI.
  if (scenario.approver !== 'none')
    cloud.eventbridge.onPublished((event) => {
      const arn = String(event.detail.modelPackageArn);
      if (event['detail-type'] !== 'Approval Requested' || answered.has(arn)) return;
      answered.add(arn);
      // Armed now, while the event is being put, rather than once the answers before it are given.
      const minuteLater = cloud.clock.sleep(60_000);
      answering = answering
        .then(() => answerApprovalRequest(cloud, scenario, opts, event, minuteLater))
        .catch((err: unknown) => void (failed ??= err));
    });
  return { failure: () => failed };
}

/**
 * Answers the request (an `Approval Requested` event) once `minuteLater` resolves, a virtual minute after it was
 * published, unless the package was decided meanwhile: a rejection step or a link came first, and a person does not
 * overrule it.
 */
export async function answerApprovalRequest(
  cloud: Cloud,
  scenario: Scenario,
  opts: ApproverOptions,
  event: AwsEvent,
  minuteLater = cloud.clock.sleep(60_000),
): Promise<void> {
  const { timeline, clock, sagemaker } = cloud;
  const arn = String(event.detail.modelPackageArn);
  const question = `approve ${arn} (${JSON.stringify(event.detail.metric)})? (or open a link above)`;
  let approve = !scenario.rejects.some((ref) => sagemaker.modelPackages().some((p) => p.arn === arn && names(ref, p)));
  if (!opts.autoApprove && opts.ask) {
    // Time stands still from the request on: its message follows the event by a moment, then a person reads it.
    const release = clock.hold();
    try {
      for (const link of await linksAbout(cloud, arn)) timeline.log('approver', link);
      const answer = await askOrClick(cloud, arn, question, opts.ask);
      if (answer === 'link') return timeline.log('approver', `${arn} decided through its approval link`);
      approve = answer;
    } finally {
      release();
    }
  }
  if (!opts.autoApprove && !opts.ask)
    timeline.log('approver', 'no terminal to ask: the scenario answers as its approver');
  await minuteLater;
  const status = packageStatus(cloud, arn);
  if (status !== 'PendingManualApproval')
    return timeline.log('approver', `${arn} is ${status ?? 'gone'} already: not answered`);
  await sagemaker.handle('UpdateModelPackage', {
    ModelPackageArn: arn,
    ModelApprovalStatus: approve ? 'Approved' : 'Rejected',
    ApprovalDescription: approve ? 'approved in the local scenario' : 'rejected in the local scenario',
  });
  timeline.log('approver', `${approve ? 'approved' : 'rejected'} ${arn}`);
}
