// The `costSweep:` section of shepherd.yml: account-wide, report-only unless enforcement is enabled (README, Cost
// sweeps). Absent, no sweep is scheduled or run.
import { z } from 'zod';
import { roleArn } from './aws-values';
import { scheduleExpression } from './schedule';

const percent = z.number().min(0).max(800, 'is a CloudWatch utilization: at most 800 (summed over cores or GPUs)');
const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as us-east-1');
const hourly = z.record(
  z.string().regex(/^ml\.[a-z0-9-]+\.[a-z0-9]+$/, 'must be a SageMaker instance type such as ml.m5.xlarge'),
  z.number().positive('is USD per instance-hour: more than 0 (an unknown price is left out, never 0)'),
);
const byRegion = z.record(region, hourly);

export const costSweepSchema = z.strictObject({
  schedule: scheduleExpression.default('cron(0 6 * * ? *)'),
  /** An endpoint without a single invocation on any variant for this long is idle. */
  idleDays: z.number().int().min(1).max(63, 'at most 63 (CloudWatch keeps 5-minute data that long)').default(7),
  notebookHours: z.number().positive().default(12),
  /** Finished training jobs looked at, for managed spot. */
  trainingDays: z.number().int().min(1).max(90).default(7),
  /** Shepherd's own configs and models younger than this may belong to a deployment in progress. */
  leftoverGraceHours: z.number().min(1).default(24),
  /** Utilization at or under these, on every reading of the window, is oversized. */
  oversized: z
    .strictObject({
      cpuPercent: percent.default(10),
      memoryPercent: percent.default(30),
      gpuPercent: percent.default(10),
    })
    .default({ cpuPercent: 10, memoryPercent: 30, gpuPercent: 10 }),
  enforcement: z
    .strictObject({
      enabled: z.boolean().default(false),
      maxActionsPerRun: z.number().int().min(0).max(100).default(5),
    })
    .default({ enabled: false, maxActionsPerRun: 5 }),
  /** USD per instance-hour laid over the embedded table, and the day they were read. */
  prices: z
    .strictObject({
      asOf: z.iso.date('must be the day the prices were read, as YYYY-MM-DD').optional(),
      hosting: byRegion.default({}),
      notebook: byRegion.default({}),
      studio: byRegion.default({}),
      training: byRegion.default({}),
    })
    .default({ hosting: {}, notebook: {}, studio: {}, training: {} }),
  /**
   * Opt-in: start an Inference Recommender Default job on the model package of each oversized variant (never a
   * load test of the live endpoint); the role is the one the job runs as.
   */
  inferenceRecommender: z.strictObject({ roleArn }).optional(),
  /** Parallel requests to one service during a sweep: well under SageMaker's per-account rates. */
  concurrency: z.number().int().min(1).max(16).default(4),
});

export type CostSweepConfig = z.output<typeof costSweepSchema>;
