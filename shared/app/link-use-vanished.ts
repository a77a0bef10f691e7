// An approval link whose action was carried out, but whose use item (`APPROVAL#<nonce>`) was removed while it ran, so
// it cannot be completed. The approver is told what happened (it was done); the operators are told the link's single
// use is no longer recorded. Said the way corrupt state is (./corrupt.ts): logged, counted, an alert, the timeline.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Notification } from '../domain/actions';
import type { LinkClaims } from '../domain/approval/token';
import { shepherdCommand, type StackTarget } from '../domain/cli-command';
import { alert } from '../domain/notify';
import type { CorruptDeps } from './corrupt';

export interface VanishedUse {
  key: { pk: string; sk: string };
  claims: LinkClaims;
  /** What the action came to, as the use would have recorded it (`done: …` or `refused: …`). */
  outcome: string;
}

/** What a corrupt item is reported with, but the run claims: a vanished use is said each time it is met. */
export type VanishedDeps = Omit<CorruptDeps, 'claims'>;

/** The alert: which item, what the link did, and why it matters until the item is written back or the link expires. */
export function linkUseVanishedAlert({ key, claims, outcome }: VanishedUse, stack: StackTarget): Notification {
  const expires = new Date(claims.expiresAt * 1000).toISOString();
  return alert(
    claims.model,
    'critical',
    `approval link use ${key.pk}/${key.sk} vanished`,
    `An approval link was used (its outcome is below), but the item recording its single use, ${key.pk}/${key.sk}, ` +
      'was removed while its action ran (by hand or a restore: its TTL is a day past the link’s expiry). Until it is ' +
      'written back the link reads as unused: each request re-reads its subject, so it acts again only if its ' +
      'subject waits for a decision again before the link expires.',
    {
      item: `pk=${key.pk} sk=${key.sk}`,
      action: claims.action,
      subject: claims.subject,
      approver: claims.approver,
      outcome,
      'link expires': expires,
      'to recover':
        'put the item back from point-in-time recovery, or leave it: the link stops working when it expires',
      'then check': shepherdCommand(stack, `timeline ${claims.model}`),
    },
  );
}

/** Logs, counts and alerts the vanished use, and says it on the line's timeline. A failed alert is thrown. */
export async function reportLinkUseVanished(deps: VanishedDeps, vanished: VanishedUse): Promise<void> {
  const { key, claims, outcome } = vanished;
  const nonce = claims.nonce.slice(0, 8);
  deps.logger.error('approval link use vanished: its action was performed, not recorded', { key, nonce, outcome });
  deps.metrics.addMetric('ApprovalLinkUsesVanished', MetricUnit.Count, 1);
  await deps.notifications.notify(linkUseVanishedAlert(vanished, deps.stack));
  const message = `approval link ${nonce} (${claims.action}) acted, its use ${key.pk}/${key.sk} vanished: ${outcome}`;
  const at = deps.clock().toISOString();
  await deps.timeline.put({
    model: claims.model,
    at,
    id: `link-use-vanished-${nonce}`,
    type: 'ApprovalLinkUseVanished',
    message,
  });
}
