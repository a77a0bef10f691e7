// One endpoint: its status, the config and variants that serve its traffic, and the three ways SageMaker shows
// it — DescribeEndpoint (Dates), ListEndpoints' summary, and the `SageMaker Endpoint State Change` detail
// (epoch-ms times, Tags as a map, and the status spelled IN_SERVICE, as in the documented event). What a variant
// is, and what a config deploys, is endpoint-variants.ts.
import type { LiveVariant } from './endpoint-variants';
import type { Json } from './validation';
import type { EndpointVariantView, EndpointView } from './views';

type ServerlessView = NonNullable<EndpointVariantView['serverless']>;
const serverlessView = (s: NonNullable<LiveVariant['ServerlessConfig']>): ServerlessView => ({
  memorySizeInMB: s.MemorySizeInMB,
  maxConcurrency: s.MaxConcurrency,
  ...(s.ProvisionedConcurrency !== undefined ? { provisionedConcurrency: s.ProvisionedConcurrency } : {}),
});

/**
 * `InService` → `IN_SERVICE`, `RollingBack` → `ROLLING_BACK`: the documented event's spelling of the API's
 * statuses.
 */
export const eventStatus = (status: string): string => status.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();

export class Endpoint {
  status = 'Creating';
  /** what serves traffic now */
  variants: LiveVariant[] = [];
  /** what the creation under way will deploy: the events show its desired values until then */
  pending: LiveVariant[] = [];
  failureReason?: string;
  lastModified: number;

  constructor(
    readonly name: string,
    readonly arn: string,
    public configName: string,
    readonly createdAt: number,
    readonly seq: number,
  ) {
    this.lastModified = createdAt;
  }

  move(status: string, at: number): void {
    this.status = status;
    this.lastModified = Math.max(at, this.lastModified);
  }

  describe(): Json {
    return {
      EndpointName: this.name,
      EndpointArn: this.arn,
      EndpointConfigName: this.configName,
      ...(this.variants.length
        ? {
            ProductionVariants: this.variants.map((v) => ({
              VariantName: v.VariantName,
              DeployedImages: v.DeployedImages.map((i) => ({ ...i, ResolutionTime: new Date(i.ResolutionTime) })),
              CurrentWeight: v.CurrentWeight,
              DesiredWeight: v.DesiredWeight,
              ...(v.ServerlessConfig
                ? {
                    CurrentServerlessConfig: { ...v.ServerlessConfig },
                    DesiredServerlessConfig: { ...v.ServerlessConfig },
                  }
                : { CurrentInstanceCount: v.CurrentInstanceCount, DesiredInstanceCount: v.DesiredInstanceCount }),
            })),
          }
        : {}),
      EndpointStatus: this.status,
      ...(this.failureReason !== undefined ? { FailureReason: this.failureReason } : {}),
      CreationTime: new Date(this.createdAt),
      LastModifiedTime: new Date(this.lastModified),
    };
  }

  summary(): Json {
    return {
      EndpointName: this.name,
      EndpointArn: this.arn,
      CreationTime: new Date(this.createdAt),
      LastModifiedTime: new Date(this.lastModified),
      EndpointStatus: this.status,
    };
  }

  /** The event detail. A failure reason only rides on FAILED: a rolled-back update comes back IN_SERVICE silently. */
  eventDetail(tags: Record<string, string>): Json {
    const live = this.variants.length > 0;
    return {
      EndpointName: this.name,
      EndpointArn: this.arn,
      EndpointConfigName: this.configName,
      ProductionVariants: (live ? this.variants : this.pending).map((v) => ({
        VariantName: v.VariantName,
        ...(live ? { CurrentWeight: v.CurrentWeight } : {}),
        DesiredWeight: v.DesiredWeight,
        ...(live && v.CurrentInstanceCount !== undefined ? { CurrentInstanceCount: v.CurrentInstanceCount } : {}),
        ...(v.DesiredInstanceCount !== undefined ? { DesiredInstanceCount: v.DesiredInstanceCount } : {}),
      })),
      EndpointStatus: eventStatus(this.status),
      ...(this.status === 'Failed' && this.failureReason !== undefined ? { FailureReason: this.failureReason } : {}),
      CreationTime: this.createdAt,
      LastModifiedTime: this.lastModified,
      Tags: tags,
    };
  }

  view(): EndpointView {
    return {
      name: this.name,
      arn: this.arn,
      status: this.status,
      configName: this.configName,
      variants: this.variants.map((v) => ({
        variantName: v.VariantName,
        modelName: v.ModelName,
        currentWeight: v.CurrentWeight,
        desiredWeight: v.DesiredWeight,
        instanceCount: v.CurrentInstanceCount ?? 0,
        ...(v.InstanceType !== undefined ? { instanceType: v.InstanceType } : {}),
        ...(v.ServerlessConfig ? { serverless: serverlessView(v.ServerlessConfig) } : {}),
      })),
    };
  }
}
