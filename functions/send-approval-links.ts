// Approval Links Requested (Shepherd's bus) → one message per approver, with links signed by the key only this
// function and approvalLink may read. Every other function hands such notifications over rather than hold the key.
import { whyNotMailed } from '../shared/app/approval-hand-over';
import { fingerprint } from '../shared/domain/fingerprint';
import { approvalLinksRequestedEvent } from '../shared/events/shepherd';
import { eventHandler } from '../shared/observability/event-handler';
import { done, ignored } from '../shared/observability/results';
import { linkNotifications, linkPackages } from '../shared/runtime/link-notifications';
import { ONE_MINUTE_RUN_LEASE_MS, oncePerEvent } from '../shared/runtime/once';

const JOB = 'sendApprovalLinks';

export const handler = eventHandler(JOB, approvalLinksRequestedEvent, async (event) => {
  const { notification } = event.detail;
  const { approvers } = notification.links;
  // Claimed by what it asks, not by the event's id: a handing-over function retried after it published (its chat card
  // or its outbox entry's removal failed) hands the same notification over again, under a new event id.
  const handOver = `links-${fingerprint(notification)}`;
  // Late (redriven from the dead-letter queue, or past its claim's week): its subject may be decided by now.
  const decided = await whyNotMailed(linkPackages(), notification.links);
  if (decided)
    return ignored(`links not sent: ${decided}`, { id: event.id, handOver, subject: notification.links.subject });
  // A duplicate delivery must not send an approver a second set of links.
  const sent = await oncePerEvent(JOB, handOver, ONE_MINUTE_RUN_LEASE_MS, async () => {
    // Nor may the retry of a hand-over whose publishing failed part-way: each approver's message is claimed on its
    // own, so the retry sends only the messages that were not sent.
    for (const approver of approvers) {
      await oncePerEvent(JOB, `${handOver}#${approver}`, ONE_MINUTE_RUN_LEASE_MS, () =>
        linkNotifications().notify({ ...notification, links: { ...notification.links, approvers: [approver] } }),
      );
    }
  });
  if (!sent.ran) return ignored('these links were sent already', { id: event.id, handOver });
  return done(notification.model, `links sent to ${approvers.length} approver(s)`);
});
