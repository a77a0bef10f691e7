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

// A warning, not an error: the CLI, SageMaker Studio and the registry's API decide a package, and the CLI a held
// canary, without a link; the notification (and its chat card) goes out without links, naming the commands.
const nobodyAsked = (m: ModelLine, at: string): string[] => {
  if (m.approval.approvers.length > 0) return [];
  const waits = [...packagesWait(m), ...canaryWaits(m)];
  const line = m.approval.mode === 'auto' ? 'an auto line' : 'a manual line';
  return waits.length ? [`${at}.approval.approvers: none on ${line}: ${waits.join('; ')}`] : [];
};

const decideWithout =
  '`npx shepherd approve|reject` (the approval notification, sent without links, gives the command) or in ' +
  'SageMaker Studio';

function packagesWait(m: ModelLine): string[] {
  if (m.approval.mode === 'manual')
    return [`nobody gets approval links, so its packages wait for someone to decide them with ${decideWithout}`];
  // An auto line approves only a model that beat a production metric (retraining/completed.ts): with none to beat,
  // its package is registered pending and a person is asked. A pipeline's auto line asks nobody (pipeline.ts).
  if (m.training.type === 'pipeline' || !m.qualityGate) return [];
  const metric = m.qualityGate.metric;
  return [
    `a model approves itself only by beating the newest Approved package's ${metric} by the margin, so the ` +
      `line's first model, and any while that package records no ${metric}, waits for a person, and nobody gets ` +
      `approval links: someone decides it with ${decideWithout}`,
  ];
}

// Whatever the approval mode, a held canary's Promote/Abort links go to the line's approvers (approval/held.ts).
const canaryWaits = (m: ModelLine): string[] =>
  m.deployment?.onInconclusive === 'hold'
    ? [
        'nobody gets the Promote/Abort links of a canary `onInconclusive: hold` keeps, so it waits for someone to ' +
          'run `npx shepherd promote|abort` (its alert, sent without links, gives the command)',
      ]
    : [];
