// One production variant of an endpoint config, as CreateEndpointConfig's request gave it: its own module because
// the request's checks (./config-request) and the serverless exclusions (./serverless-rules) both read it.
import type { Json } from './validation';

export interface VariantSpec {
  VariantName: string;
  ModelName: string;
  InitialVariantWeight: number;
  InstanceType?: string;
  InitialInstanceCount?: number;
  ServerlessConfig?: { MemorySizeInMB: number; MaxConcurrency: number; ProvisionedConcurrency?: number };
  /** the variant as given, for DescribeEndpointConfig */
  given: Json;
}
