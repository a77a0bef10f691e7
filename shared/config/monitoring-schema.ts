// How Shepherd watches a line's endpoint for drift: data capture in every endpoint config it creates, and on every
// promotion a Model Monitor data-quality job definition, an hourly (at most) schedule and the drift alarm.
import { z } from 'zod';
import { instanceType, roleArn, s3Uri } from './aws-values';

const positiveInt = z.number().int().positive();
const contentTypes = z
  .array(
    z
      .string()
      .max(256)
      .regex(/^[a-zA-Z0-9](-*[a-zA-Z0-9])*\/[a-zA-Z0-9](-*[a-zA-Z0-9.])*$/, 'must be a MIME type such as text/csv'),
  )
  .min(1)
  .max(10);

// Model Monitor runs at most once an hour: cron(0 * ? * * *) hourly, cron(0 H ? * * *) daily at hour H, or
// cron(0 H/N ? * * *) every N hours from hour H (docs/aws-model-monitor.md).
export const MONITOR_CRON = /^cron\(0 (\*|(0?[0-9]|1[0-9]|2[0-3])(\/(0?[1-9]|1[0-9]|2[0-4]))?) \? \* \* \*\)$/;
export const HOURLY = 'cron(0 * ? * * *)';

export const monitoringSchema = z.strictObject({
  /** The role Model Monitor's jobs run as: reads the capture and baseline, writes the reports, publishes metrics. */
  roleArn,
  /** The built-in analyzer of the region (sagemaker-model-monitor-analyzer), as AWS lists it per region. */
  analyzerImage: z
    .string()
    .regex(
      /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/sagemaker-model-monitor-analyzer(:[\w.-]+)?$/,
      'must be the region’s built-in analyzer image, ' +
        '<account>.dkr.ecr.<region>.amazonaws.com/sagemaker-model-monitor-analyzer',
    ),
  capture: z.strictObject({
    samplingPercent: z.number().int().min(1).max(100).default(100),
    s3Uri,
    kmsKeyId: z.string().min(1).max(2048).optional(),
    csvContentTypes: contentTypes.default(['text/csv']),
    jsonContentTypes: contentTypes.default(['application/json']),
  }),
  /**
   * The constraints and statistics each execution compares the captured data with: named, or suggested on every
   * promotion by a baselining job over the training channel the promoted model learned from.
   */
  baseline: z.union([
    z.strictObject({ constraintsS3Uri: s3Uri, statisticsS3Uri: s3Uri }),
    z.strictObject({
      fromTrainingData: z
        .strictObject({
          channel: z.string().min(1).default('train'),
          format: z.enum(['csv', 'json']).default('csv'),
          /** Whether CSV files start with a header row. */
          header: z.boolean().default(false),
        })
        .prefault({}),
    }),
  ]),
  schedule: z
    .string()
    .regex(MONITOR_CRON, 'must be hourly at most: cron(0 * ? * * *), cron(0 H ? * * *) or cron(0 H/N ? * * *)')
    .default(HOURLY),
  /** Where each execution writes its statistics and constraint violations. */
  outputS3Uri: s3Uri,
  instanceType: instanceType.default('ml.m5.xlarge'),
  instanceCount: positiveInt.max(100).default(1),
  volumeSizeGb: positiveInt.max(16384).default(20),
  // Hourly data-quality jobs may run an hour at most.
  maxRuntimeSeconds: positiveInt.max(3600).default(3600),
  alarm: z
    .strictObject({
      /** Drift distance (feature_baseline_drift_<feature>) above which a feature has drifted. */
      threshold: z.number().positive().default(0.1),
      /** The features the alarm watches (default: every one the executions publish, found with ListMetrics). */
      features: z
        .array(z.string().min(1).max(200))
        .max(10, 'a metric math alarm watches at most 10 metrics')
        .default([]),
    })
    .prefault({}),
});

export type MonitoringConfig = z.output<typeof monitoringSchema>;
