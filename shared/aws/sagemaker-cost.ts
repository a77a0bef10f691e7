// What a cost sweep reads of SageMaker, and the few things enforcement and restore do. Endpoints come from Search,
// which carries variants and tags in one paginated call; endpoint configs never change, so each is read once.
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  type CreateEndpointConfigInput,
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  DescribeDomainCommand,
  DescribeEndpointConfigCommand,
  DescribeTrainingJobCommand,
  ListAppsCommand,
  ListEndpointConfigsCommand,
  ListModelsCommand,
  ListNotebookInstancesCommand,
  ListTagsCommand,
  ListTrainingJobsCommand,
  type ProductionVariant,
  SearchCommand,
  type SageMakerClient,
  StopNotebookInstanceCommand,
  type Tag,
} from '@aws-sdk/client-sagemaker';
import { isNotFound, isValidation } from './sagemaker-errors';

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

  async studioApps(): Promise<
    { domainId: string; name: string; type: string; status: string; instanceType?: string }[]
  > {
    const found = [];
    let NextToken: string | undefined;
    do {
      const out = await this.client.send(new ListAppsCommand({ MaxResults: 100, NextToken }));
      for (const a of out.Apps ?? [])
        found.push({
          domainId: a.DomainId ?? '',
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

  /** Endpoint configs and models whose names start with one of `prefixes` (Shepherd's naming), with their tags. */
  async namedResources(prefixes: string[]) {
    const found: { kind: 'endpoint-config' | 'model'; name: string; arn: string; createdAt: string }[] = [];
    for (const NameContains of prefixes) {
      let NextToken: string | undefined;
      do {
        const out = await this.client.send(
          new ListEndpointConfigsCommand({ NameContains, MaxResults: 100, NextToken }),
        );
        for (const c of out.EndpointConfigs ?? [])
          if (c.EndpointConfigName?.startsWith(NameContains))
            found.push({
              kind: 'endpoint-config',
              name: c.EndpointConfigName,
              arn: c.EndpointConfigArn ?? '',
              createdAt: iso(c.CreationTime),
            });
        NextToken = out.NextToken;
      } while (NextToken);
      do {
        const out = await this.client.send(new ListModelsCommand({ NameContains, MaxResults: 100, NextToken }));
        for (const m of out.Models ?? [])
          if (m.ModelName?.startsWith(NameContains))
            found.push({ kind: 'model', name: m.ModelName, arn: m.ModelArn ?? '', createdAt: iso(m.CreationTime) });
        NextToken = out.NextToken;
      } while (NextToken);
    }
    return found;
  }

  async tags(ResourceArn: string): Promise<Record<string, string>> {
    return tagMap((await this.client.send(new ListTagsCommand({ ResourceArn, MaxResults: 100 }))).Tags);
  }

  /** Done when it is already gone or going (a repeated run). */
  async deleteEndpoint(EndpointName: string): Promise<void> {
    try {
      await this.client.send(new DeleteEndpointCommand({ EndpointName }));
    } catch (err) {
      if (!isNotFound(err) && !isValidation(err, /Deleting/i)) throw err;
    }
  }

  async deleteEndpointConfig(EndpointConfigName: string): Promise<void> {
    try {
      await this.client.send(new DeleteEndpointConfigCommand({ EndpointConfigName }));
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  async deleteModel(ModelName: string): Promise<void> {
    try {
      await this.client.send(new DeleteModelCommand({ ModelName }));
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  /** Done when it is already stopping or stopped. */
  async stopNotebook(NotebookInstanceName: string): Promise<void> {
    try {
      await this.client.send(new StopNotebookInstanceCommand({ NotebookInstanceName }));
    } catch (err) {
      if (!isValidation(err, /Stopp/i)) throw err;
    }
  }

  /** Recreates a deleted endpoint from its snapshot: the config first if it went too; existing parts are kept. */
  async recreateEndpoint(name: string, config: EndpointConfigCopy, tags: Record<string, string>): Promise<void> {
    // `aws:` tags are AWS's own: CreateEndpoint refuses them.
    const Tags = Object.entries(tags)
      .filter(([Key]) => !Key.startsWith('aws:'))
      .map(([Key, Value]) => ({ Key, Value }));
    try {
      await this.client.send(new DescribeEndpointConfigCommand({ EndpointConfigName: config.EndpointConfigName }));
    } catch (err) {
      if (!isNotFound(err)) throw err;
      await this.client.send(new CreateEndpointConfigCommand(config));
    }
    try {
      await this.client.send(
        new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: config.EndpointConfigName, Tags }),
      );
    } catch (err) {
      if (!isValidation(err, /already exist/i)) throw err;
    }
  }
}
