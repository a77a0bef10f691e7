// What an account holds before the scenario begins, for the cost sweep to find: endpoints with their variants,
// tags and past traffic, notebook instances left running, Studio domains with their apps, finished training jobs.
// Past traffic goes into the CloudWatch emulator as SageMaker would have published it: per variant (EndpointName +
// VariantName), Invocations in AWS/SageMaker only on days with any, utilization in /aws/sagemaker/Endpoints for
// instances, every day.
import { z } from 'zod';
import type { CloudWatchEmulator } from './cloudwatch';
import type { SageMakerEmulator } from './sagemaker';
import { seedStudioDomains, type SeededStudioDomain } from './studio-world';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Days of past metrics written: two weeks, the longest window a sweep of the scenarios looks back. */
const HISTORY_DAYS = 14;
const tags = z.record(z.string(), z.string()).default({});

const seededVariant = z.strictObject({
  name: z.string().regex(/^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/, 'must be a SageMaker variant name'),
  instanceType: z.string().regex(/^ml\.[a-z0-9-]+\.[a-z0-9]+$/, 'must be an instance type such as ml.m5.xlarge'),
  instanceCount: z.number().int().positive().default(1),
  weight: z.number().min(0).default(1),
  /** Requests a minute it has served, on average, over the past days (0: none at all). */
  requestsPerMinute: z.number().min(0).default(0),
  /** Highest per-minute utilization of the past days, as CloudWatch reports it (summed over cores / GPUs). */
  cpuPercent: z.number().min(0).default(5),
  memoryPercent: z.number().min(0).default(20),
  gpuPercent: z.number().min(0).optional(),
});

export const seededEndpointSchema = z.strictObject({
  name: z.string().regex(/^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/, 'must be a SageMaker endpoint name'),
  /** How long it has been InService before the scenario starts, in days. */
  inServiceDays: z.number().positive().default(30),
  tags,
  variants: z.array(seededVariant).min(1, 'needs at least one variant'),
});
export const seededNotebookSchema = z.strictObject({
  name: z.string().regex(/^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/, 'must be a notebook instance name'),
  instanceType: z.string().default('ml.t3.medium'),
  inServiceHours: z.number().positive(),
  tags,
});
export const seededTrainingJobSchema = z.strictObject({
  name: z.string().regex(/^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/, 'must be a training job name'),
  instanceType: z.string().default('ml.m5.xlarge'),
  instanceCount: z.number().int().positive().default(1),
  spot: z.boolean().default(false),
  hours: z.number().positive(),
  /** How long before the scenario starts it ended, in hours. */
  endedHoursAgo: z.number().min(0).default(24),
  /** Still InProgress: started `hours` before the scenario, and runs on (`endedHoursAgo` is not read). */
  running: z.boolean().default(false),
  tags,
});

export type SeededEndpoint = z.output<typeof seededEndpointSchema>;
export interface CostWorld {
  endpoints: SeededEndpoint[];
  notebooks: z.output<typeof seededNotebookSchema>[];
  trainingJobs: z.output<typeof seededTrainingJobSchema>[];
  studioDomains: SeededStudioDomain[];
}

const ROLE = 'arn:aws:iam::123456789012:role/existing-sagemaker-role';

export function seedCostWorld(
  world: CostWorld,
  sagemaker: SageMakerEmulator,
  cloudwatch: Pick<CloudWatchEmulator, 'putDatum'>,
  start: Date,
): void {
  for (const e of world.endpoints) seedEndpoint(e, sagemaker, cloudwatch, start);
  for (const n of world.notebooks)
    sagemaker.seedNotebook(n.name, n.instanceType, start.getTime() - n.inServiceHours * HOUR_MS, n.tags);
  seedStudioDomains(world.studioDomains, sagemaker, start);
  for (const j of world.trainingJobs) {
    const end = start.getTime() - j.endedHoursAgo * HOUR_MS;
    const request = {
      TrainingJobName: j.name,
      RoleArn: ROLE,
      AlgorithmSpecification: {
        TrainingImage: 'example.dkr.ecr.us-east-1.amazonaws.com/train:1',
        TrainingInputMode: 'File',
      },
      OutputDataConfig: { S3OutputPath: 's3://example-bucket/output/' },
      ResourceConfig: { InstanceType: j.instanceType, InstanceCount: j.instanceCount, VolumeSizeInGB: 30 },
      StoppingCondition: { MaxRuntimeInSeconds: 28 * 86400, ...(j.spot ? { MaxWaitTimeInSeconds: 28 * 86400 } : {}) },
      EnableManagedSpotTraining: j.spot,
      Tags: Object.entries(j.tags).map(([Key, Value]) => ({ Key, Value })),
    };
    if (j.running) sagemaker.seedTrainingJob(request, start.getTime() - j.hours * HOUR_MS);
    else sagemaker.seedTrainingJob(request, end - j.hours * HOUR_MS, end);
  }
}

export function seedEndpoint(
  e: SeededEndpoint,
  sagemaker: SageMakerEmulator,
  cloudwatch: Pick<CloudWatchEmulator, 'putDatum'>,
  start: Date,
): void {
  const since = start.getTime() - e.inServiceDays * DAY_MS;
  const config = `${e.name}-config`;
  for (const v of e.variants)
    sagemaker.handle('CreateModel', {
      ModelName: `${e.name}-${v.name}`,
      ExecutionRoleArn: ROLE,
      PrimaryContainer: { Image: 'example.dkr.ecr.us-east-1.amazonaws.com/serve:1' },
    });
  sagemaker.handle('CreateEndpointConfig', {
    EndpointConfigName: config,
    ProductionVariants: e.variants.map((v) => ({
      VariantName: v.name,
      ModelName: `${e.name}-${v.name}`,
      InstanceType: v.instanceType,
      InitialInstanceCount: v.instanceCount,
      InitialVariantWeight: v.weight,
    })),
  });
  sagemaker.seedEndpoint(e.name, config, since, e.tags);
  const days = Math.min(HISTORY_DAYS, Math.floor(e.inServiceDays));
  for (let d = 1; d <= days; d++) {
    const at = new Date(start.getTime() - d * DAY_MS);
    for (const v of e.variants) {
      const dims = { EndpointName: e.name, VariantName: v.name };
      if (v.requestsPerMinute > 0)
        cloudwatch.putDatum('AWS/SageMaker', 'Invocations', dims, at, Math.round(v.requestsPerMinute * 1440), 'None');
      cloudwatch.putDatum('/aws/sagemaker/Endpoints', 'CPUUtilization', dims, at, v.cpuPercent, 'Percent');
      cloudwatch.putDatum('/aws/sagemaker/Endpoints', 'MemoryUtilization', dims, at, v.memoryPercent, 'Percent');
      if (v.gpuPercent !== undefined)
        cloudwatch.putDatum('/aws/sagemaker/Endpoints', 'GPUUtilization', dims, at, v.gpuPercent, 'Percent');
    }
  }
}
