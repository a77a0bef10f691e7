// The environment the packaged template gives every function, checked once at cold start: a function never
// starts half-configured.
import * as v from 'valibot';
import { ConfigError } from '../config/problems';
import { check, object } from '../validation';

const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:/;

const envSchema = object({
  TABLE_NAME: v.pipe(v.string(), v.minLength(3, 'must name the state table')),
  TOPIC_ARN: v.pipe(v.string(), v.regex(SNS_TOPIC_ARN, 'must be an SNS topic ARN')),
  EVENT_BUS_NAME: v.pipe(v.string(), v.minLength(1, 'must name Shepherd’s event bus')),
  // Approval links: the signing key's secret (its name or ARN, never the key), the approvalLink function's URL, and
  // the chat channels' topic. Functions without them send their notifications without links or chat cards.
  APPROVAL_KEY_SECRET: v.optional(v.pipe(v.string(), v.minLength(1, 'must name the signing key’s secret'))),
  APPROVAL_LINK_URL: v.optional(v.pipe(v.string(), v.regex(/^https?:\/\/[^/]+/, 'must be the approval link URL'))),
  CHAT_TOPIC_ARN: v.optional(v.pipe(v.string(), v.regex(SNS_TOPIC_ARN, 'must be an SNS topic ARN'))),
  AWS_REGION: v.optional(v.string(), 'us-east-1'),
});

function readEnv() {
  const checked = check(envSchema, process.env);
  if (!checked.success) throw new ConfigError('environment', checked.problems);
  return checked.output;
}

export const env = readEnv();
