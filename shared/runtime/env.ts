// The environment the packaged template gives every function, checked once at cold start: a function never
// starts half-configured.
import * as v from 'valibot';
import { ConfigError } from '../config/problems';
import type { StackTarget } from '../domain/cli-command';
import { check, object } from '../validation';

const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:/;

const envSchema = object({
  TABLE_NAME: v.pipe(v.string(), v.minLength(3, 'must name the state table')),
  TOPIC_ARN: v.pipe(v.string(), v.regex(SNS_TOPIC_ARN, 'must be an SNS topic ARN')),
  EVENT_BUS_NAME: v.pipe(v.string(), v.minLength(1, 'must name Shepherd’s event bus')),
  // The stage the stack was deployed with (serverless.yml): the CLI commands notifications print name it.
  SHEPHERD_STAGE: v.pipe(v.string(), v.minLength(1, 'must name the stage Shepherd was deployed with')),
  // Approval links: the signing key's secret (its name or ARN, never the key), the approvalLink function's URL, and
  // the chat channels' topic. Functions without them send their notifications without links or chat cards.
  APPROVAL_KEY_SECRET: v.optional(v.pipe(v.string(), v.minLength(1, 'must name the signing key’s secret'))),
  APPROVAL_LINK_URL: v.optional(v.pipe(v.string(), v.regex(/^https?:\/\/[^/]+/, 'must be the approval link URL'))),
  CHAT_TOPIC_ARN: v.optional(v.pipe(v.string(), v.regex(SNS_TOPIC_ARN, 'must be an SNS topic ARN'))),
  AWS_REGION: v.optional(v.string(), 'us-east-1'),
  // Set only where the functions' AWS is not AWS's: the local cloud of `npm start` (local/cloud/stack.ts).
  AWS_ENDPOINT_URL: v.optional(v.string()),
});

function readEnv() {
  const checked = check(envSchema, process.env);
  if (!checked.success) throw new ConfigError('environment', checked.problems);
  return checked.output;
}

export const env = readEnv();

/**
 * The stack these functions are: the one a command in their notifications must act on. Functions whose AWS calls
 * go to another endpoint run on the local cloud, which the CLI reaches by `--local`; a deployed function, by the
 * stage it was deployed with and the region Lambda runs it in.
 */
export const stack: StackTarget = env.AWS_ENDPOINT_URL
  ? { local: true }
  : { stage: env.SHEPHERD_STAGE, region: env.AWS_REGION };
