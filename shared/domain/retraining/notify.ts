import type { Notification, Severity } from '../actions';

const SUBJECT_LIMIT = 100;

/** SNS subjects: ≤ 100 characters, printable ASCII, no line breaks. */
export function subject(text: string): string {
  const flat = text.replace(/[\r\n\t]+/g, ' ').replace(/[^\x20-\x7e]/g, '?');
  return flat.length <= SUBJECT_LIMIT ? flat : `${flat.slice(0, SUBJECT_LIMIT - 3)}...`;
}

/** A plain-text message: a headline, then aligned `key: value` lines that read well in mail and chat. */
export function message(headline: string, facts: Record<string, string | number | undefined>): string {
  const rows = Object.entries(facts).filter((e): e is [string, string | number] => e[1] !== undefined);
  const width = Math.max(0, ...rows.map(([k]) => k.length));
  return [headline, '', ...rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`)].join('\n');
}

export const alert = (model: string, severity: Severity, title: string, headline: string, facts: Record<string, string | number | undefined>): Notification => ({
  kind: 'alert',
  severity,
  model,
  subject: subject(`[Shepherd] ${model}: ${title}`),
  message: message(headline, facts),
});
