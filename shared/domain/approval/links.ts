// One email-ready message per approver: the notification's text, then that approver's own signed links. Each
// carries the message attribute `approver=<address>`, so a subscription's filter policy delivers it to them alone.
import type { Notification } from '../actions';
import type { LinkRequest } from './link-request';
import { ACTION_LABEL } from './page';
import { type LinkAction, signToken } from './token';

export interface Publication {
  subject: string;
  message: string;
  attributes: Record<string, string>;
}

export interface Signing {
  key: string;
  /** The approvalLink function's URL, without a trailing slash. */
  baseUrl: string;
  now: Date;
  /** A fresh random nonce per link. */
  nonce: () => string;
}

export const linkUrl = (baseUrl: string, action: LinkAction, token: string): string =>
  `${baseUrl.replace(/\/+$/, '')}/${action}?t=${token}`;

export function linkPublications(n: Notification, links: LinkRequest, s: Signing): Publication[] {
  const expiresAt = Math.floor(s.now.getTime() / 1000) + links.ttlHours * 3600;
  const until = new Date(expiresAt * 1000).toISOString();
  return links.approvers.map((approver) => {
    const lines = links.actions.map((action) => {
      const { subject, deploymentStartedAt: t } = links;
      const claims = { action, subject, model: n.model, approver, expiresAt, nonce: s.nonce(), deploymentStartedAt: t };
      return `${ACTION_LABEL[action]}: ${linkUrl(s.baseUrl, action, signToken(claims, s.key))}`;
    });
    const message = [
      n.message,
      '',
      'Each link opens a confirmation page; nothing changes until you press its button.',
      ...lines,
      '',
      `These links are for ${approver} alone, work once, and expire at ${until}.`,
    ].join('\n');
    return { subject: n.subject, message, attributes: { approver } };
  });
}
