// How a model line reaches its endpoint (canary steps, the judge, abort alarms); its edge targets: ./edge-schema.ts.
import { z } from 'zod';
import { instanceType, roleArn, vpcConfig } from './aws-values';
import { sageMakerName } from './names';
import { whenParsed } from './refine';

const positiveInt = z.number().int().positive();
const probability = z.number().min(0).max(1);

const judge = z
  .strictObject({
    minRequests: positiveInt.default(500),
    errorRateMargin: probability.default(0.01),
    errorRateRelativeMargin: z.number().min(0).default(1),
    latencyMargin: z.number().min(0).default(0.2),
    alpha: z.number().gt(0).lt(0.5).default(0.01),
    maxErrorRate: probability.optional(),
    maxLatencyMs: z.number().positive().optional(),
    customMetrics: z
      .array(
        z.strictObject({
          namespace: z.string().min(1),
          name: z.string().min(1),
          /** Dimensions besides EndpointName and VariantName, which Shepherd adds. */
          dimensions: z
            .record(z.string(), z.string())
            // https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_Metric.html: 30 dimensions.
            .refine((d) => Object.keys(d).length <= 28, {
              message:
                'at most 28: CloudWatch takes 30 dimensions a metric, and Shepherd adds EndpointName and VariantName',
            })
            .default({}),
          stat: z.enum(['Average', 'Sum', 'Maximum', 'Minimum', 'p50', 'p90', 'p99']).default('Average'),
          better: z.enum(['higher', 'lower']),
          margin: z.number().min(0),
        }),
      )
      // https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html: 500 queries a call.
      .max(247, 'at most 247: a look reads 2 variants × (3 + metrics) in one GetMetricData, which takes 500 queries')
      .default([]),
  })
  .prefault({});

/** Steps of a canary: a 20-step rollout of 15-minute bakes already takes 5 hours (docs/dynamodb-numbers.md). */
const MAX_CANARY_STEPS = 20;
/** Judgements a rollout keeps in the endpoint's item: its judged steps, each at its bake and every extension. */
const MAX_JUDGEMENTS = 120;

// On the field, not the deployment: a refinement of the deployment would not run once any other field failed.
const increasesTo100 = (steps: number[]) => steps.every((w, i) => i === 0 || w > steps[i - 1]!) && steps.at(-1) === 100;

export const deploymentSchema = z
  .strictObject({
    endpointName: sageMakerName(63, 'an endpoint name'),
    /** The role SageMaker assumes to serve the model (CreateModel's ExecutionRoleArn). */
    executionRoleArn: roleArn,
    instanceType: instanceType.optional(),
    instanceCount: positiveInt.default(2),
    serverless: z
      .strictObject({
        memorySizeInMB: z.number().int().min(1024).max(6144).multipleOf(1024),
        maxConcurrency: z.number().int().min(1).max(200),
      })
      .optional(),
    canarySteps: z
      .array(z.number().gt(0).max(100))
      .min(1)
      // Every step is a bake and a weight change, and its judgements stay in the endpoint's one item until it ends.
      .max(
        MAX_CANARY_STEPS,
        `at most ${MAX_CANARY_STEPS} steps: each is a bake, an UpdateEndpointWeightsAndCapacities and the step's ` +
          "judgements in the endpoint's DynamoDB item (at most 400 KB)",
      )
      .refine(increasesTo100, 'must increase strictly and end at 100')
      .default([10, 25, 50, 100]),
    bakeMinutes: positiveInt.default(15),
    /** Inconclusive judgements extend the bake this many times before `onInconclusive` decides. */
    maxBakeExtensions: z.number().int().min(0).max(20).default(2),
    onInconclusive: z.enum(['rollback', 'hold']).default('rollback'),
    // DescribeAlarms takes names of 1 to 255 characters (docs/cloudwatch-alarms.md).
    abortAlarms: z.array(z.string().min(1).max(255)).default([]),
    judge,
    /** Endpoint configs and models kept after a promotion, so an older model can be rolled back to. */
    keepPrevious: z.number().int().min(1).max(10).default(2),
    vpcConfig: vpcConfig.optional(),
    enableNetworkIsolation: z.boolean().default(false),
    kmsKeyId: z.string().min(1).optional(),
  })
  .superRefine(
    (d, ctx) => {
      if (!d.instanceType && !d.serverless)
        ctx.addIssue({
          code: 'custom',
          path: ['instanceType'],
          message: 'needs instanceType (instance variant) or serverless',
        });
      if (d.instanceType && d.serverless)
        ctx.addIssue({
          code: 'custom',
          path: ['serverless'],
          message: 'a variant is either instance-based (instanceType) or serverless, not both',
        });
    },
    whenParsed(['instanceType'], ['serverless']),
  )
  // A canary judges its candidate beside the baseline at each step below 100; with none, its config would give the
  // candidate all the traffic and the baseline a weight of 0, leaving no minute both serve: never a pass, only a
  // rollback after exposing every request. A serverless line has no canary and ignores the steps (strategy.ts).
  .superRefine(
    (d, ctx) => {
      if (d.serverless || d.canarySteps.some((weight) => weight < 100)) return;
      const message =
        'needs a step below 100: the candidate is judged beside the baseline at each step below 100, and at 100 the ' +
        'baseline serves nothing to judge it against';
      ctx.addIssue({ code: 'custom', path: ['canarySteps'], message });
    },
    whenParsed(['canarySteps'], ['serverless']),
  )
  // Every judgement of a rollout stays in the endpoint's item until it ends, up to 1000 characters of reasons each
  // (judge-format.ts): 120 of them and one look's outbox fit its 400 KB with 247 custom metrics (test/unit).
  .superRefine(
    (d, ctx) => {
      const judged = d.serverless ? 1 : d.canarySteps.filter((weight) => weight < 100).length;
      const judgements = judged * (1 + d.maxBakeExtensions);
      if (judgements <= MAX_JUDGEMENTS) return;
      const message =
        `at most ${MAX_JUDGEMENTS} judgements a rollout (each step below 100 is judged at its bake and each ` +
        "extension), kept in the endpoint's DynamoDB item (at most 400 KB): " +
        `${judged} steps × (1 + ${d.maxBakeExtensions}) make ${judgements}; use fewer steps or extensions`;
      ctx.addIssue({ code: 'custom', path: ['maxBakeExtensions'], message });
    },
    whenParsed(['canarySteps'], ['maxBakeExtensions'], ['serverless']),
  )
  // Serverless Inference excludes both, so the line's first CreateEndpointConfig would fail on AWS (Feature exclusions,
  // https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html).
  .superRefine(
    (d, ctx) => {
      if (!d.serverless) return;
      const refused = (key: string, what: string) => {
        const message = `SageMaker Serverless Inference does not support ${what}: drop it, or use instanceType`;
        ctx.addIssue({ code: 'custom', path: [key], message });
      };
      if (d.vpcConfig) refused('vpcConfig', 'a VPC');
      if (d.enableNetworkIsolation) refused('enableNetworkIsolation', 'network isolation');
    },
    whenParsed(['serverless'], ['vpcConfig'], ['enableNetworkIsolation']),
  );

export type DeploymentConfig = z.output<typeof deploymentSchema>;
export type JudgeConfig = DeploymentConfig['judge'];
