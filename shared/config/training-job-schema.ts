// What every training job of a line is, as CreateTrainingJob takes it: a job line's one job, or each child of a
// tuning job (training-schema.ts puts them together with the line's kind of training).
import { z } from 'zod';
import { instanceType, roleArn, s3Uri, vpcConfig } from './aws-values';

const positiveInt = z.number().int().positive();

// CreateTrainingJob (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateTrainingJob.html): at most
// 100 hyperparameters, names up to 256 characters, values up to 2500.
const MAX_HYPERPARAMETERS = 100;
const hyperparameters = z
  .record(
    z.string(),
    z
      .union([z.string(), z.number(), z.boolean()])
      .transform(String)
      .pipe(z.string().max(2500, 'must be at most 2500 characters')),
  )
  .superRefine((params, ctx) => {
    const names = Object.keys(params);
    if (names.length > MAX_HYPERPARAMETERS) {
      const message = `at most ${MAX_HYPERPARAMETERS} hyperparameters (CreateTrainingJob), found ${names.length}`;
      ctx.addIssue({ code: 'custom', message });
    }
    // Characters, not UTF-16 units: a name of 256 emoji is 256 characters.
    const bad = names.filter((name) => name.length === 0 || [...name].length > 256);
    const message = `hyperparameter names are 1 to 256 characters: ${bad.join(', ')}`;
    if (bad.length) ctx.addIssue({ code: 'custom', message });
  })
  .default({});

// A container image as SageMaker takes one, `registry/repository[:tag]` or `registry/repository[@digest]`, within the
// 255 characters of CreateTrainingJob's TrainingImage and a model package container's Image (docs/aws-sagemaker.md).
const PATH_PART = '[a-z0-9]+(?:[._-]+[a-z0-9]+)*';
const IMAGE = new RegExp(`^[^\\s/]+(?:/${PATH_PART})+(?::\\w[\\w.-]{0,127}|@sha256:[0-9a-f]{64})?$`);
const image = (where: string) =>
  z
    .string()
    .max(255, `must be at most 255 characters (${where})`)
    .regex(
      IMAGE,
      'must be an image URI such as <registry>/<repository>:<tag> or <registry>/<repository>@sha256:<digest>',
    );
// The model package's InferenceSpecification: content types of up to 256 characters, response types `type/subtype`
// of up to 1024. SageMaker documents no maximum count for either.
const contentType = z.string().min(1).max(256, 'must be at most 256 characters (InferenceSpecification, ContentType)');
const responseType = z
  .string()
  .max(1024, 'must be at most 1024 characters (SupportedResponseMIMETypes)')
  .regex(/^[-\w]+\/.+$/, 'must be a MIME type such as text/csv (SupportedResponseMIMETypes)');
// InstanceCount is an Integer of the API: what is past it cannot be sent. How many instances an account may run is a
// quota of its own, adjustable, which SageMaker answers with ResourceLimitExceeded (docs/aws-sagemaker.md).
const MAX_API_INTEGER = 2 ** 31 - 1;
// A training instance's ML storage volume is an EBS General Purpose SSD volume: at most 16 TiB (docs/aws-sagemaker.md).
const MAX_VOLUME_GB = 16384;

/** What every training job of a line is: a job line's one job, or each child of a tuning job. */
export const jobShape = {
  image: image('CreateTrainingJob, TrainingImage'),
  roleArn,
  instanceType,
  instanceCount: positiveInt
    .max(MAX_API_INTEGER, `must be at most ${MAX_API_INTEGER} (CreateTrainingJob takes a 32-bit integer)`)
    .default(1),
  volumeSizeGb: positiveInt
    .max(MAX_VOLUME_GB, `must be at most ${MAX_VOLUME_GB} GB (the largest EBS volume a training instance gets)`)
    .default(30),
  inputChannels: z
    .array(
      z.strictObject({
        name: z
          .string()
          .regex(/^[A-Za-z0-9.\-_]+$/, 'channel names are letters, digits, ".", "-" and "_"')
          .max(64),
        s3Uri,
        contentType: z.string().max(256, 'must be at most 256 characters (Channel, ContentType)').optional(),
        inputMode: z.enum(['File', 'Pipe', 'FastFile']).optional(),
      }),
    )
    .min(1, 'needs at least one input channel')
    .max(20, 'at most 20 input channels (CreateTrainingJob, InputDataConfig)'),
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
  hyperparameters,
  // Within CreateTrainingJob's limits, which also bound the start's outbox entry in the line's state item (at most
  // 400 KB: docs/dynamodb-numbers.md): hyperparameters, metric definitions and channels are most of it.
  metricDefinitions: z
    .array(z.strictObject({ name: z.string().min(1).max(255), regex: z.string().min(1).max(500) }))
    .max(40, 'at most 40 metric definitions (CreateTrainingJob, MetricDefinitions)')
    .optional(),
  vpcConfig: vpcConfig.optional(),
  volumeKmsKeyId: z.string().min(1).optional(),
  outputKmsKeyId: z.string().min(1).optional(),
  enableInterContainerTrafficEncryption: z.boolean().default(false),
  enableNetworkIsolation: z.boolean().default(false),
  // The image that serves the trained artifact; defaults to the training image (built-in algorithms).
  inferenceImage: image('CreateModelPackage, Containers[].Image').optional(),
  contentTypes: z.array(contentType).min(1).default(['text/csv']),
  responseTypes: z.array(responseType).min(1).default(['text/csv']),
};

export const checkSpotWait = (
  t: { spot: boolean; stoppingCondition: { maxRuntimeSeconds: number; maxWaitSeconds?: number } },
  ctx: z.core.$RefinementCtx,
) => {
  const { maxWaitSeconds, maxRuntimeSeconds } = t.stoppingCondition;
  // CreateTrainingJob takes a wait equal to the runtime (docs/aws-sagemaker.md, "Managed spot: the wait").
  if (t.spot && maxWaitSeconds !== undefined && maxWaitSeconds < maxRuntimeSeconds) {
    const message = 'must be at least maxRuntimeSeconds for managed spot training (the wait includes the runtime)';
    ctx.addIssue({ code: 'custom', path: ['stoppingCondition', 'maxWaitSeconds'], message });
  }
};
