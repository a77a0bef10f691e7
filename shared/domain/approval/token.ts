// Approval links carry a bearer token: whoever holds the link may act once, as the approver it names. The token is
// `v1.<claims>.<HMAC-SHA256 of "v1.<claims>">`, base64url; the key stays in Secrets Manager and is passed in.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const LINK_ACTIONS = ['approve', 'reject', 'promote', 'abort'] as const;
export type LinkAction = (typeof LINK_ACTIONS)[number];

export interface LinkClaims {
  action: LinkAction;
  /** A model package ARN (approve, reject) or a deployment id (promote, abort). */
  subject: string;
  /** The model line the subject belongs to. */
  model: string;
  /** The address the link was sent to, who acts when it is used. */
  approver: string;
  /** Epoch seconds after which the link is refused. */
  expiresAt: number;
  /** Random, unique per link: the key of its single use (`APPROVAL#<nonce>`). */
  nonce: string;
  /**
   * Promote, abort: when the deployment started, in epoch ms. Its id is the same each time a package is deployed on
   * an endpoint again; its start is not. Absent from links issued before it was signed in.
   */
  deploymentStartedAt?: number;
}

export type TokenProblem = 'malformed' | 'tampered' | 'expired' | 'wrong-action';

export type Verified =
  | { ok: true; claims: LinkClaims; key: string }
  | { ok: false; reason: TokenProblem; claims?: LinkClaims };

const VERSION = 'v1';
// Far more than a package ARN, a deployment id, an address and a nonce take; anything longer is not ours.
const MAX_CLAIMS = 3000;
const TOKEN = /^v1\.([A-Za-z0-9_-]{1,3000})\.([A-Za-z0-9_-]{43})$/;
const NONCE = /^[A-Za-z0-9_-]{16,64}$/;

const mac = (key: string, data: string): Buffer => createHmac('sha256', key).update(data).digest();

export const isLinkAction = (value: string): value is LinkAction => (LINK_ACTIONS as readonly string[]).includes(value);

export function signToken(claims: LinkClaims, key: string): string {
  const body = Buffer.from(
    JSON.stringify({
      a: claims.action,
      s: claims.subject,
      m: claims.model,
      p: claims.approver,
      e: claims.expiresAt,
      n: claims.nonce,
      t: claims.deploymentStartedAt,
    }),
  ).toString('base64url');
  if (body.length > MAX_CLAIMS) throw new Error(`approval token claims too long (${body.length} characters)`);
  return `${VERSION}.${body}.${mac(key, `${VERSION}.${body}`).toString('base64url')}`;
}

function parseClaims(body: string): LinkClaims | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const c = raw as Record<string, unknown>;
  if (typeof c !== 'object' || c === null) return undefined;
  const strings = [c.a, c.s, c.m, c.p, c.n].every((v) => typeof v === 'string' && v.length > 0);
  if (!strings || typeof c.e !== 'number' || !Number.isSafeInteger(c.e)) return undefined;
  if (!isLinkAction(c.a as string) || !NONCE.test(c.n as string)) return undefined;
  if (c.t !== undefined && !Number.isSafeInteger(c.t)) return undefined;
  return {
    action: c.a as LinkAction,
    subject: c.s as string,
    model: c.m as string,
    approver: c.p as string,
    expiresAt: c.e as number,
    nonce: c.n as string,
    ...(c.t === undefined ? {} : { deploymentStartedAt: c.t as number }),
  };
}

/**
 * Checks a token against every key still honoured (current first, then the previous one during a rotation), in
 * constant time per key. The signature is checked before the claims are read, so a forged token learns nothing.
 */
export function verifyToken(token: string, keys: string[], now: Date, action: LinkAction): Verified {
  const match = TOKEN.exec(token);
  if (!match) return { ok: false, reason: 'malformed' };
  const [, body = '', signature = ''] = match;
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== 32) return { ok: false, reason: 'malformed' };
  const key = keys.find((k) => timingSafeEqual(mac(k, `${VERSION}.${body}`), given));
  if (key === undefined) return { ok: false, reason: 'tampered' };
  const claims = parseClaims(body);
  if (!claims) return { ok: false, reason: 'malformed' };
  if (claims.expiresAt * 1000 <= now.getTime()) return { ok: false, reason: 'expired', claims };
  if (claims.action !== action) return { ok: false, reason: 'wrong-action', claims };
  return { ok: true, claims, key };
}

/**
 * The value the confirmation page puts in its form: derived from the key and the link's nonce, so only a page this
 * function rendered can POST, and the same on every render, so a repeated POST still carries it.
 */
export const formNonce = (claims: LinkClaims, key: string): string =>
  mac(key, `form.${claims.nonce}`).toString('base64url');

export function formNonceMatches(given: string | undefined, claims: LinkClaims, key: string): boolean {
  if (!given) return false;
  const expected = Buffer.from(formNonce(claims, key));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
