// Approval Links Requested (Shepherd's bus) → one message per approver, with links signed by the key only this
// function and approvalLink may read. Every other function hands such notifications over rather than hold the key.
import { approvalLinksRequestedEvent } from '../shared/events/shepherd';
import { shepherdHandler } from '../shared/observability/handler';
import { done, ignored } from '../shared/observability/results';
import { store } from '../shared/runtime/clients';
import { linkNotifications } from '../shared/runtime/link-notifications';
import { runKey } from '../shared/state/store';

// Far longer than the function runs: a live invocation is never taken over.
const LEASE_MS = 5 * 60_000;

export const handler = shepherdHandler('sendApprovalLinks', approvalLinksRequestedEvent, async (event) => {
  const { notification } = event.detail;
  // A duplicate delivery must not send an approver a second set of links.
  const run = runKey('sendApprovalLinks', event.id);
  const claim = await store().claimRun(run, LEASE_MS, 2);
  if (claim === 'done') return ignored('these links were sent already', { id: event.id });
  if (claim === 'running') throw new Error(`links of ${event.id} are being sent by another invocation`);
  try {
    await linkNotifications().notify(notification);
  } catch (err) {
    await store().releaseRun(run);
    throw err;
  }
  await store().finishRun(run);
  return done(notification.model, `links sent to ${notification.links.approvers.length} approver(s)`);
});
