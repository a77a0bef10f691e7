// Approval Links Requested (Shepherd's bus) → one message per approver, with links signed by the key only this
// function and approvalLink may read. Every other function hands such notifications over rather than hold the key.
import { approvalLinksRequestedEvent } from '../shared/events/shepherd';
import { eventHandler } from '../shared/observability/event-handler';
import { done, ignored } from '../shared/observability/results';
import { linkNotifications } from '../shared/runtime/link-notifications';
import { ONE_MINUTE_RUN_LEASE_MS, oncePerEvent } from '../shared/runtime/once';

export const handler = eventHandler('sendApprovalLinks', approvalLinksRequestedEvent, async (event) => {
  const { notification } = event.detail;
  // A duplicate delivery must not send an approver a second set of links.
  const sent = await oncePerEvent('sendApprovalLinks', event.id, ONE_MINUTE_RUN_LEASE_MS, () =>
    linkNotifications().notify(notification),
  );
  if (!sent.ran) return ignored('these links were sent already', { id: event.id });
  return done(notification.model, `links sent to ${notification.links.approvers.length} approver(s)`);
});
