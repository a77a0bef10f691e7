// What Shepherd tells people on SNS, written the same way for retraining, deployments and edge builds.
import type { Notification, Severity } from './actions';

export const SUBJECT_LIMIT = 100;

type Facts = Record<string, string | number | undefined>;

/** SNS subjects: ≤ 100 characters, printable ASCII, no line breaks. */
export function subject(text: string): string {
  const flat = text.replace(/[\r\n\t]+/g, ' ').replace(/[^\x20-\x7e]/g, '?');
  return flat.length <= SUBJECT_LIMIT ? flat : `${flat.slice(0, SUBJECT_LIMIT - 3)}...`;
}

/** A plain-text message: a headline, then aligned `key: value` lines that read well in mail and chat. */
export function message(headline: string, facts: Facts): string {
  const rows = Object.entries(facts).filter((row): row is [string, string | number] => row[1] !== undefined);
  const width = Math.max(0, ...rows.map(([key]) => key.length));
  return [headline, '', ...rows.map(([key, value]) => `${key.padEnd(width)}  ${value}`)].join('\n');
}

/** Something went wrong or needs a human: `[Shepherd] <model>: <title>`, then the headline and the facts. */
export const alert = (
  model: string,
  severity: Severity,
  title: string,
  headline: string,
  facts: Facts,
): Notification => ({
  kind: 'alert',
  severity,
  model,
  subject: subject(`[Shepherd] ${model}: ${title}`),
  message: message(headline, facts),
});

/** The SageMaker console of the region an ARN names, where the Model Registry and endpoints are. */
export function consoleLink(arn: string): string {
  const region = arn.split(':')[3] || 'us-east-1';
  return `SageMaker console: https://${region}.console.aws.amazon.com/sagemaker/home?region=${region}`;
}
