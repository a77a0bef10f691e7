import { z } from 'zod';
import { checkAcrossLines } from './across-lines';
import { costSweepSchema } from './cost-schema';
import { modelLineSchema } from './model-line-schema';
import { typed } from './refine';
import { checkTuningGates } from './tuning-schema';

export const configSchema = z
  .strictObject({
    models: z.array(modelLineSchema).min(1, 'needs at least one model line'),
    costSweep: costSweepSchema.optional(),
    // CloudWatch describes composite alarms only to a DescribeAlarms grant on `*` (docs/cloudwatch-alarms.md).
    compositeAlarms: z.boolean().default(false),
  })
  .superRefine(checkAcrossLines, { when: (payload) => typed(payload.issues, ['models']) })
  .superRefine(checkTuningGates, { when: (payload) => typed(payload.issues, ['models']) });

export type Config = z.infer<typeof configSchema>;
export type ModelLine = Config['models'][number];

/** Allowed but risky: said by `validate-config`, `serverless package` and at cold start. */
export function configWarnings(config: Config): string[] {
  return config.models.flatMap((m, i) => [...singleInstance(m, `models[${i}]`), ...nobodyAsked(m, `models[${i}]`)]);
}

const singleInstance = (m: ModelLine, at: string): string[] =>
  m.deployment?.instanceType && m.deployment.instanceCount < 2
    ? [
        `${at}.deployment.instanceCount: ${m.deployment.instanceCount} instance lives in one Availability Zone; ` +
          '2 or more spread the variant across zones',
      ]
    : [];

// A warning, not an error: the CLI, SageMaker Studio and the registry's API decide a package without a link, and
// the approval notification (and its chat card) goes out without links, naming the commands.
const nobodyAsked = (m: ModelLine, at: string): string[] =>
  m.approval.mode === 'manual' && m.approval.approvers.length === 0
    ? [
        `${at}.approval.approvers: none on a manual line: nobody gets approval links, so its packages wait for ` +
          'someone to decide them with `npx shepherd approve|reject` (the approval notification, sent without ' +
          'links, gives the command) or in SageMaker Studio',
      ]
    : [];
