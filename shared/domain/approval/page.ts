// The pages an approval link shows. No script at all, so nothing on them runs by itself (mail scanners execute
// pages); everything shown is escaped; the one inline style is allowed by its hash in a strict CSP.
import { createHash } from 'node:crypto';
import { type LinkRefusal, REFUSAL_STATUS, REFUSAL_TITLE } from './check';
import type { LinkAction } from './token';

export interface HttpPage {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export interface ConfirmPage {
  action: LinkAction;
  model: string;
  approver: string;
  /** What the approver decides on, in order: label → value. */
  facts: [string, string][];
  /** The canary judge's evidence table, where there is one. */
  evidence?: string;
  token: string;
  formNonce: string;
}

const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}' +
  'dt{font-weight:600}dd{margin:0 0 .6rem 0}pre{background:#f3f4f6;padding:.8rem;overflow:auto}' +
  'button{font-size:1rem;padding:.5rem 1.2rem}textarea{width:100%}';
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

/** Strict: no scripts, no frames, no outside resources; the form may post only back here. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy':
    `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; form-action 'self'; base-uri 'none'; ` +
    "frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Robots-Tag': 'noindex, nofollow',
};

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export const ACTION_LABEL: Record<LinkAction, string> = {
  approve: 'Approve',
  reject: 'Reject',
  promote: 'Promote',
  abort: 'Abort',
};

const WHAT: Record<LinkAction, string> = {
  approve: 'Approve this model for deployment',
  reject: 'Reject this model',
  promote: 'Promote this canary to all traffic',
  abort: 'Abort this canary and restore the baseline',
};

function document(title: string, content: string): string {
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">' +
    `<title>${escapeHtml(title)} · Shepherd</title><style>${STYLE}</style></head>` +
    `<body><main><h1>${escapeHtml(title)}</h1>${content}</main></body></html>`
  );
}

const page = (statusCode: number, title: string, content: string): HttpPage => ({
  statusCode,
  headers: { ...SECURITY_HEADERS },
  body: document(title, content),
});

/** The confirmation page: the facts, then a form that acts only when a person presses its button. */
export function confirmPage(p: ConfirmPage): HttpPage {
  const facts = p.facts.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`);
  const evidence = p.evidence ? `<h2>Canary evidence</h2><pre>${escapeHtml(p.evidence)}</pre>` : '';
  const form =
    `<form method="post" action="?t=${encodeURIComponent(p.token)}">` +
    `<input type="hidden" name="nonce" value="${escapeHtml(p.formNonce)}">` +
    '<p><label for="reason">Reason (recorded with your decision)</label><br>' +
    '<textarea id="reason" name="reason" rows="3" maxlength="500"></textarea></p>' +
    `<p><button type="submit" name="decision" value="${p.action}">${ACTION_LABEL[p.action]}</button></p></form>`;
  const you = `You act as <strong>${escapeHtml(p.approver)}</strong>.`;
  const who = `<p>${you} Nothing happens until you press the button.</p>`;
  return page(200, `${WHAT[p.action]}: ${p.model}`, `${who}<dl>${facts.join('')}</dl>${evidence}${form}`);
}

/** What the POST did. */
export const donePage = (action: LinkAction, model: string, detail: string): HttpPage =>
  page(200, `${ACTION_LABEL[action]}: done`, `<p>${escapeHtml(model)}: ${escapeHtml(detail)}</p>`);

/** A repeat of a POST whose decision is still being carried out: accepted, not yet done. */
export const underWayPage = (action: LinkAction, model: string, detail: string): HttpPage =>
  page(
    202,
    `${ACTION_LABEL[action]}: under way`,
    `<p>${escapeHtml(model)}: ${escapeHtml(detail)}</p><p>This link's first use took this decision, and it is being ` +
      'carried out (or just was). Open the link again in a few minutes: it says when it is done, or lets you finish ' +
      'it if it was cut short.</p>',
  );

/** A decision taken and recorded whose request AWS refused the link: accepted, carried out by the reconciler. */
export const decidedPage = (action: LinkAction, model: string, detail: string): HttpPage =>
  page(202, `${ACTION_LABEL[action]}: decided`, `<p>${escapeHtml(model)}: ${escapeHtml(detail)}</p>`);

/** A link that cannot act, with a 4xx status and why. */
export const refusalPage = (reason: LinkRefusal, detail: string): HttpPage =>
  page(REFUSAL_STATUS[reason], REFUSAL_TITLE[reason], `<p>${escapeHtml(detail)}</p><p>Nothing was changed.</p>`);

/** A link that could act, but AWS refused its action for good: a 502, the fault being upstream, and nothing done. */
export const failurePage = (detail: string): HttpPage =>
  page(
    502,
    'SageMaker refused this decision',
    `<p>${escapeHtml(detail)}</p><p>Nothing was decided. The link still works once Shepherd's operators have ` +
      'fixed the cause (the model line’s timeline says it), or decide with the CLI.</p>',
  );

/** HEAD answers as GET would, without a body. */
export const withoutBody = (p: HttpPage): HttpPage => ({ ...p, body: '' });

/**
 * A record the link needs (its use, or the deployment it decides) is not as Shepherd writes it: a 500, the fault being
 * Shepherd's own, nothing done, and the operators alerted. Which record, and why, is in the alert alone.
 */
export const damagedPage = (): HttpPage =>
  page(
    500,
    'This link’s record is damaged',
    '<p>Shepherd’s record of this link, or of what it decides, is damaged: the record is not as Shepherd wrote it, ' +
      'so the link did nothing. Nothing was changed. Shepherd’s operators were alerted; the link works again once ' +
      'they have repaired the record, or they can decide with the CLI.</p>',
  );
