// What a cost sweep reads of SageMaker's endpoints. Endpoints come from Search, which carries variants and tags in one
// paginated call; endpoint configs never change, so each is read once. The workspaces people leave running are read
// by sagemaker-workspaces.ts.
import {
  type CreateEndpointConfigInput,
  DescribeEndpointConfigCommand,
  type ProductionVariant,
  paginateSearch,
  type SageMakerClient,
  type Tag,
} from '@aws-sdk/client-sagemaker';
import { isoTimeOrEpoch } from './iso-time';

export interface SweptVariant {
  name: string;
  instanceCount: number;
  serverless: boolean;
  /** A serverless variant's provisioned concurrency: billed while idle. */
  provisionedConcurrency?: number;
}
export interface SweptEndpoint {
  name: string;
  arn: string;
  status: string;
  configName: string;
  lastModified: string;
  variants: SweptVariant[];
  tags: Record<string, string>;
}
/** What DescribeEndpointConfig says, kept as CreateEndpointConfig takes it back (restore). */
export type EndpointConfigCopy = Omit<CreateEndpointConfigInput, 'Tags'>;

export const tagMap = (tags: Tag[] | undefined): Record<string, string> =>
  Object.fromEntries((tags ?? []).flatMap((t) => (t.Key ? [[t.Key, t.Value ?? '']] : [])));

export class SageMakerCostAdapter {
  private readonly configs = new Map<string, Promise<EndpointConfigCopy>>();

  constructor(private readonly client: SageMakerClient) {}

  async endpoints(): Promise<SweptEndpoint[]> {
    const found: SweptEndpoint[] = [];
    for await (const page of paginateSearch({ client: this.client, pageSize: 100 }, { Resource: 'Endpoint' })) {
      for (const { Endpoint: e } of page.Results ?? []) {
        if (!e?.EndpointName) continue;
        found.push({
          name: e.EndpointName,
          arn: e.EndpointArn ?? '',
          status: e.EndpointStatus ?? 'Unknown',
          configName: e.EndpointConfigName ?? '',
          lastModified: isoTimeOrEpoch(e.LastModifiedTime),
          variants: (e.ProductionVariants ?? []).map((v) => ({
            name: v.VariantName ?? '',
            instanceCount: v.CurrentInstanceCount ?? 0,
            serverless: v.CurrentServerlessConfig !== undefined,
            ...(v.CurrentServerlessConfig?.ProvisionedConcurrency
              ? { provisionedConcurrency: v.CurrentServerlessConfig.ProvisionedConcurrency }
              : {}),
          })),
          tags: tagMap(e.Tags),
        });
      }
    }
    return found;
  }

  /** Cached for the cold start: a config never changes, and a failed read is tried again next time. */
  endpointConfig(name: string): Promise<EndpointConfigCopy> {
    const cached = this.configs.get(name);
    if (cached) return cached;
    // Everything but what SageMaker assigns: a restore that left out network isolation, a VPC or shadow variants
    // would recreate a different endpoint under the old name.
    const read = this.client.send(new DescribeEndpointConfigCommand({ EndpointConfigName: name })).then(
      ({ $metadata: _metadata, EndpointConfigArn: _arn, CreationTime: _created, ...c }): EndpointConfigCopy => ({
        ...c,
        ProductionVariants: c.ProductionVariants as ProductionVariant[],
      }),
    );
    this.configs.set(name, read);
    read.catch(() => this.configs.delete(name));
    return read;
  }
}
