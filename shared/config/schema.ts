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
  return config.models.flatMap((m, i) =>
    m.deployment?.instanceType && m.deployment.instanceCount < 2
      ? [
          `models[${i}].deployment.instanceCount: ${m.deployment.instanceCount} instance lives in one ` +
            'Availability Zone; 2 or more spread the variant across zones',
        ]
      : [],
  );
}
