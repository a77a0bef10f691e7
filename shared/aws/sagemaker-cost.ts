// What a cost sweep reads of SageMaker, and the few things enforcement and restore do. Endpoints come from Search,
// which carries variants and tags in one paginated call; endpoint configs never change, so each is read once.
import {
  type CreateEndpointConfigInput,
  DescribeDomainCommand,
  DescribeEndpointConfigCommand,
  DescribeTrainingJobCommand,
  ListAppsCommand,
  ListNotebookInstancesCommand,
  ListTrainingJobsCommand,
  type ProductionVariant,
  SearchCommand,
  type SageMakerClient,
  type Tag,
} from '@aws-sdk/client-sagemaker';
import type { StudioAppSeen } from '../domain/cost/studio';

export interface SweptVariant {
  name: string;
  instanceCount: number;
  serverless: boolean;
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
const iso = (d: Date | undefined) => (d ?? new Date(0)).toISOString();

export class SageMakerCostAdapter {
  private readonly configs = new Map<string, Promise<EndpointConfigCopy>>();

  constructor(private readonly client: SageMakerClient) {}

  async endpoints(): Promise<SweptEndpoint[]> {
    const found: SweptEndpoint[] = [];
    let NextToken: string | undefined;
    do {
      const out = await this.client.send(new SearchCommand({ Resource: 'Endpoint', MaxResults: 100, NextToken }));
      for (const { Endpoint: e } of out.Results ?? []) {
        if (!e?.EndpointName) continue;
        found.push({
          name: e.EndpointName,
          arn: e.EndpointArn ?? '',
          status: e.EndpointStatus ?? 'Unknown',
          configName: e.EndpointConfigName ?? '',
          lastModified: iso(e.LastModifiedTime),
          variants: (e.ProductionVariants ?? []).map((v) => ({
            name: v.VariantName ?? '',
            instanceCount: v.CurrentInstanceCount ?? 0,
            serverless: v.CurrentServerlessConfig !== undefined,
          })),
          tags: tagMap(e.Tags),
        });
      }
      NextToken = out.NextToken;
    } while (NextToken);
    return found;
  }

  /** Cached for the cold start: a config never changes, and a failed read is tried again next time. */
  endpointConfig(name: string): Promise<EndpointConfigCopy> {
    const cached = this.configs.get(name);
    if (cached) return cached;
    const read = this.client.send(new DescribeEndpointConfigCommand({ EndpointConfigName: name })).then(
      (c): EndpointConfigCopy => ({
        EndpointConfigName: c.EndpointConfigName,
        ProductionVariants: c.ProductionVariants as ProductionVariant[],
        ...(c.DataCaptureConfig ? { DataCaptureConfig: c.DataCaptureConfig } : {}),
        ...(c.KmsKeyId ? { KmsKeyId: c.KmsKeyId } : {}),
        ...(c.AsyncInferenceConfig ? { AsyncInferenceConfig: c.AsyncInferenceConfig } : {}),
      }),
    );
    this.configs.set(name, read);
    read.catch(() => this.configs.delete(name));
    return read;
  }

  async notebooks(): Promise<
    { name: string; arn: string; status: string; instanceType: string; lastModified: string }[]
  > {
    const found = [];
    let NextToken: string | undefined;
    do {
      const out = await this.client.send(
        new ListNotebookInstancesCommand({ StatusEquals: 'InService', MaxResults: 100, NextToken }),
      );
      for (const n of out.NotebookInstances ?? [])
        found.push({
          name: n.NotebookInstanceName ?? '',
          arn: n.NotebookInstanceArn ?? '',
          status: n.NotebookInstanceStatus ?? 'Unknown',
          instanceType: n.InstanceType ?? '',
          lastModified: iso(n.LastModifiedTime),
        });
      NextToken = out.NextToken;
    } while (NextToken);
    return found;
  }

  async studioApps(): Promise<StudioAppSeen[]> {
    const found: StudioAppSeen[] = [];
    let NextToken: string | undefined;
    do {
      const out = await this.client.send(new ListAppsCommand({ MaxResults: 100, NextToken }));
      for (const a of out.Apps ?? [])
        found.push({
          domainId: a.DomainId ?? '',
          ...(a.SpaceName ? { space: a.SpaceName } : {}),
          ...(a.UserProfileName ? { userProfile: a.UserProfileName } : {}),
          name: a.AppName ?? '',
          type: a.AppType ?? '',
          status: a.Status ?? 'Unknown',
          ...(a.ResourceSpec?.InstanceType ? { instanceType: a.ResourceSpec.InstanceType } : {}),
        });
      NextToken = out.NextToken;
    } while (NextToken);
    return found;
  }

  /** Whether the domain's JupyterLab or Code Editor apps shut down when idle (IdleSettings). */
  async idleShutdown(DomainId: string): Promise<boolean> {
    const d = await this.client.send(new DescribeDomainCommand({ DomainId }));
    const settings = d.DefaultUserSettings;
    return [settings?.JupyterLabAppSettings, settings?.CodeEditorAppSettings].some(
      (s) => s?.AppLifecycleManagement?.IdleSettings?.LifecycleManagement === 'ENABLED',
    );
  }

  /** Names of the training jobs that finished (Completed or Stopped) since `after`. */
  async finishedTrainingJobs(after: Date): Promise<string[]> {
    const names: string[] = [];
    for (const StatusEquals of ['Completed', 'Stopped'] as const) {
      let NextToken: string | undefined;
      do {
        const out = await this.client.send(
          new ListTrainingJobsCommand({ CreationTimeAfter: after, StatusEquals, MaxResults: 100, NextToken }),
        );
        names.push(...(out.TrainingJobSummaries ?? []).flatMap((j) => (j.TrainingJobName ? [j.TrainingJobName] : [])));
        NextToken = out.NextToken;
      } while (NextToken);
    }
    return names;
  }

  async trainingJob(TrainingJobName: string) {
    const j = await this.client.send(new DescribeTrainingJobCommand({ TrainingJobName }));
    return {
      name: TrainingJobName,
      instanceType: j.ResourceConfig?.InstanceType ?? '',
      instanceCount: j.ResourceConfig?.InstanceCount ?? 1,
      spot: j.EnableManagedSpotTraining === true,
      trainingSeconds: j.TrainingTimeInSeconds ?? 0,
      billableSeconds: j.BillableTimeInSeconds ?? j.TrainingTimeInSeconds ?? 0,
      endedAt: iso(j.TrainingEndTime),
    };
  }
}
