// The environment the packaged template gives every function, checked once at cold start: a function never
// starts half-configured.
import { ConfigError, formatIssues } from '../config/problems';
import * as z from 'zod/mini';
import '../validation';

const envSchema = z.object({
  TABLE_NAME: z.string().check(z.minLength(3, 'must name the state table')),
  TOPIC_ARN: z.string().check(z.regex(/^arn:aws[a-z-]*:sns:/, 'must be an SNS topic ARN')),
  EVENT_BUS_NAME: z.string().check(z.minLength(1, 'must name Shepherd’s event bus')),
  // Approval links: the signing key's secret (its name or ARN, never the key), the approvalLink function's URL, and
  // the chat channels' topic. Functions without them send their notifications without links or chat cards.
  APPROVAL_KEY_SECRET: z.optional(z.string().check(z.minLength(1, 'must name the signing key’s secret'))),
  APPROVAL_LINK_URL: z.optional(z.string().check(z.regex(/^https?:\/\/[^/]+/, 'must be the approval link URL'))),
  CHAT_TOPIC_ARN: z.optional(z.string().check(z.regex(/^arn:aws[a-z-]*:sns:/, 'must be an SNS topic ARN'))),
  AWS_REGION: z._default(z.string(), 'us-east-1'),
});

function readEnv() {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) throw new ConfigError('environment', formatIssues(parsed.error.issues));
  return parsed.data;
}

export const env = readEnv();
