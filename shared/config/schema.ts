import { z } from 'zod';
import { deploymentSchema, edgeTargetSchema, instanceType, roleArn, s3Uri, vpcConfig } from './deployment-schema';
import { checkAcrossLines } from './across-lines';
import { costSweepSchema } from './cost-schema';
import { monitoringSchema } from './monitoring-schema';
import { typed, whenParsed } from './refine';
import { checkTuning, checkTuningGates, tuningShape } from './tuning-schema';

// SageMaker resource names (jobs, groups, pipelines, endpoints): ≤ 63 chars, alphanumerics and inner hyphens.
const SAGEMAKER_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/;
const sageMakerName = (max = 63) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .regex(SAGEMAKER_NAME, 'must match ^[a-zA-Z0-9](-*[a-zA-Z0-9])*$ (letters, digits, inner hyphens)');

const positiveInt = z.number().int().positive();

/** What every training job of a line is: a job line's one job, or each child of a tuning job. */
const jobShape = {
  image: z.string().min(1),
  roleArn,
  instanceType,
  instanceCount: positiveInt.default(1),
  volumeSizeGb: positiveInt.default(30),
  inputChannels: z
    .array(
      z.strictObject({
        name: z
          .string()
          .regex(/^[A-Za-z0-9.\-_]+$/, 'channel names are letters, digits, ".", "-" and "_"')
          .max(64),
        s3Uri,
        contentType: z.string().optional(),
        inputMode: z.enum(['File', 'Pipe', 'FastFile']).optional(),
      }),
    )
    .min(1, 'needs at least one input channel'),
  outputPath: s3Uri,
  // Checkpoints of one run live under this prefix, so an interrupted or restarted run resumes.
  checkpointS3Uri: s3Uri.optional(),
  stoppingCondition: z
    .strictObject({
      maxRuntimeSeconds: positiveInt.max(28 * 24 * 3600),
      maxWaitSeconds: positiveInt.optional(),
    })
    .default({ maxRuntimeSeconds: 3600 }),
  spot: z.boolean().default(true),
  hyperparameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).default({}),
  metricDefinitions: z.array(z.strictObject({ name: z.string().min(1), regex: z.string().min(1) })).optional(),
  vpcConfig: vpcConfig.optional(),
  volumeKmsKeyId: z.string().min(1).optional(),
  outputKmsKeyId: z.string().min(1).optional(),
  enableInterContainerTrafficEncryption: z.boolean().default(false),
  enableNetworkIsolation: z.boolean().default(false),
  // The image that serves the trained artifact; defaults to the training image (built-in algorithms).
  inferenceImage: z.string().min(1).optional(),
  contentTypes: z.array(z.string().min(1)).min(1).default(['text/csv']),
  responseTypes: z.array(z.string().min(1)).min(1).default(['text/csv']),
};

const checkSpotWait = (
  t: { spot: boolean; stoppingCondition: { maxRuntimeSeconds: number; maxWaitSeconds?: number } },
  ctx: z.core.$RefinementCtx,
) => {
  const { maxWaitSeconds, maxRuntimeSeconds } = t.stoppingCondition;
  if (t.spot && maxWaitSeconds !== undefined && maxWaitSeconds <= maxRuntimeSeconds) {
    const message = 'must be greater than maxRuntimeSeconds for managed spot training';
    ctx.addIssue({ code: 'custom', path: ['stoppingCondition', 'maxWaitSeconds'], message });
  }
};

const jobTraining = z
  .strictObject({
    type: z.literal('job'),
    ...jobShape,
    maxSpotRetries: z.number().int().min(0).max(10).default(2),
  })
  .superRefine(checkSpotWait, whenParsed(['spot'], ['stoppingCondition']));

// Spot and checkpoints apply to every child job; a child lost to spot is the tuning job's to handle.
const tuningTraining = z
  .strictObject({ type: z.literal('tuning'), ...jobShape, ...tuningShape })
  .superRefine(checkSpotWait, whenParsed(['spot'], ['stoppingCondition']))
  .superRefine(
    checkTuning,
    whenParsed(['parameterRanges'], ['hyperparameters'], ['resourceLimits'], ['strategy'], ['earlyStopping']),
  );

const pipelineTraining = z.strictObject({
  type: z.literal('pipeline'),
  pipelineName: sageMakerName(256),
  parameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).default({}),
});

const dataTrigger = z
  .strictObject({
    bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name'),
    prefix: z.string().default(''),
    minObjects: positiveInt.optional(),
    minBytes: positiveInt.optional(),
    quietPeriodSeconds: z.number().int().min(0).default(300),
    // A stream that never goes quiet must still train eventually.
    maxWaitSeconds: positiveInt.default(24 * 3600),
  })
  .superRefine(
    (d, ctx) => {
      if (d.minObjects === undefined && d.minBytes === undefined) {
        const message = 'needs minObjects or minBytes (the threshold that starts a retraining)';
        ctx.addIssue({ code: 'custom', message });
      }
    },
    whenParsed(['minObjects'], ['minBytes']),
  );

const schedule = z
  .string()
  .regex(
    /^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\(\S+ \S+ \S+ \S+ \S+ \S+\))$/,
    'must be rate(N unit) or cron(6 fields)',
  );

export const modelLineSchema = z.strictObject({
  name: sageMakerName(63),
  modelPackageGroup: sageMakerName(63),
  training: z.discriminatedUnion('type', [jobTraining, tuningTraining, pipelineTraining]),
  triggers: z
    .strictObject({
      data: z.array(dataTrigger).default([]),
      driftAlarms: z.array(z.string().min(1).max(255)).default([]),
      schedule: schedule.optional(),
    })
    .default({ data: [], driftAlarms: [] }),
  guards: z
    .strictObject({
      cooldownMinutes: z.number().min(0).default(60),
      maxTrainingsPerDay: positiveInt.default(4),
      // A training that has not been heard of for this long is looked up with DescribeTrainingJob.
      stalledAfterMinutes: positiveInt.default(30),
    })
    .default({ cooldownMinutes: 60, maxTrainingsPerDay: 4, stalledAfterMinutes: 30 }),
  qualityGate: z.strictObject({
    metric: z.string().min(1),
    direction: z.enum(['maximize', 'minimize']),
    floor: z.number().optional(),
    margin: z.number().min(0).default(0),
  }),
  approval: z
    .strictObject({
      mode: z.enum(['manual', 'auto']).default('manual'),
      approvers: z.array(z.string().min(1)).default([]),
      linkTtlHours: positiveInt.max(24 * 14).default(24),
    })
    .default({ mode: 'manual', approvers: [], linkTtlHours: 24 }),
  deployment: deploymentSchema.optional(),
  monitoring: monitoringSchema.optional(),
  edgeTargets: z.array(edgeTargetSchema).default([]),
});

export const configSchema = z
  .strictObject({
    models: z.array(modelLineSchema).min(1, 'needs at least one model line'),
    costSweep: costSweepSchema.optional(),
  })
  .superRefine(checkAcrossLines, { when: (payload) => typed(payload.issues, ['models']) })
  .superRefine(checkTuningGates, { when: (payload) => typed(payload.issues, ['models']) });

export type Config = z.infer<typeof configSchema>;
export type ModelLine = Config['models'][number];
export type JobTraining = z.infer<typeof jobTraining>;
export type PipelineTraining = z.infer<typeof pipelineTraining>;
export type TuningTraining = z.infer<typeof tuningTraining>;
export type DataTrigger = z.infer<typeof dataTrigger>;

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
