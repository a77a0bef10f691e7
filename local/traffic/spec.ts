// What a scenario says about an endpoint's traffic, and the views of the SageMaker emulator the generator reads.
import { z } from 'zod';

export interface VariantView {
  variantName: string;
  modelName: string;
  currentWeight: number;
  instanceCount: number;
}
export interface EndpointView {
  name: string;
  status: string;
  variants: ReadonlyArray<VariantView>;
}
/** How a model behaves: the share of requests answered 5XX, and ModelLatency's mean and standard deviation. */
export interface Behaviour {
  errorRate: number;
  latencyMs: number;
  latencyJitterMs?: number;
}
export interface TrafficSpec {
  endpoint: string;
  requestsPerMinute: number;
  /**
   * Behaviour by model package ("churn-models/3", i.e. group/version) — a model's quality travels with it,
   * whatever variant serves it.
   */
  packages?: Record<string, Behaviour>;
  default: Behaviour;
}

// Names as SageMaker takes them (docs/aws-sagemaker.md): ≤ 63 characters, alphanumerics and inner dashes.
const NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/;
const PACKAGE_KEY = /^[a-zA-Z0-9](-*[a-zA-Z0-9])*\/[1-9]\d*$/;

const behaviourSchema = z.strictObject({
  errorRate: z.number().min(0, 'must be a share between 0 and 1').max(1, 'must be a share between 0 and 1'),
  latencyMs: z.number().positive('must be a positive number of milliseconds'),
  latencyJitterMs: z.number().nonnegative('must be zero or a positive number of milliseconds').optional(),
});

export const trafficSpecSchema = z.strictObject({
  endpoint: z
    .string()
    .max(63, 'an endpoint name has at most 63 characters')
    .regex(NAME, 'must be an endpoint name such as churn-prod'),
  requestsPerMinute: z.number().positive('must be a positive number of requests per minute'),
  default: behaviourSchema,
  packages: z
    .record(z.string().regex(PACKAGE_KEY), behaviourSchema, {
      error: (issue) =>
        issue.code === 'invalid_key'
          ? 'keys must be <model package group>/<version>, such as churn-models/3'
          : undefined,
    })
    .optional(),
});

/** Validates one spec; also keeps the schema's output assignable to TrafficSpec at compile time. */
export const parseTrafficSpec = (input: unknown): TrafficSpec => trafficSpecSchema.parse(input);

/**
 * `arn:aws:sagemaker:…:model-package/churn-models/3` (or `churn-models/3`) → `churn-models/3`; lower case, as ARNs
 * spell groups.
 */
export function packageKey(arnOrKey: string): string | undefined {
  const m = /(?:^|model-package\/)([^/:]+\/\d+)$/.exec(arnOrKey);
  return m?.[1]?.toLowerCase();
}
