// What enforcement and restore do in SageMaker, and the reads they rest on: Shepherd's own endpoint configs and
// models (leftover candidates) with their tags; deleting, stopping, and recreating a deleted endpoint. Every call
// is safe to repeat: "already gone" and "already there" are done.
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  paginateListEndpointConfigs,
  paginateListModels,
  ListTagsCommand,
  type SageMakerClient,
  StopNotebookInstanceCommand,
} from '@aws-sdk/client-sagemaker';
import { isoTimeOrEpoch } from './iso-time';
import { type EndpointConfigCopy, tagMap } from './sagemaker-cost';
import { isNotFound, isValidation } from './sagemaker-errors';

export class SageMakerCleanupAdapter {
  constructor(private readonly client: SageMakerClient) {}

  /** Endpoint configs and models whose names start with one of `prefixes` (Shepherd's naming), with their tags. */
  async namedResources(prefixes: string[]) {
    const found: { kind: 'endpoint-config' | 'model'; name: string; arn: string; createdAt: string }[] = [];
    for (const NameContains of prefixes) {
      const paging = { client: this.client, pageSize: 100 };
      for await (const page of paginateListEndpointConfigs(paging, { NameContains })) {
        for (const c of page.EndpointConfigs ?? [])
          if (c.EndpointConfigName?.startsWith(NameContains))
            found.push({
              kind: 'endpoint-config',
              name: c.EndpointConfigName,
              arn: c.EndpointConfigArn ?? '',
              createdAt: isoTimeOrEpoch(c.CreationTime),
            });
      }
      for await (const page of paginateListModels(paging, { NameContains })) {
        for (const m of page.Models ?? [])
          if (m.ModelName?.startsWith(NameContains))
            found.push({
              kind: 'model',
              name: m.ModelName,
              arn: m.ModelArn ?? '',
              createdAt: isoTimeOrEpoch(m.CreationTime),
            });
      }
    }
    // Prefixes nest (`churn-` and the endpoint `churn-prod-`): a name both find is still one resource.
    return [...new Map(found.map((r) => [`${r.kind}/${r.name}`, r])).values()];
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

  /**
   * Recreates a deleted endpoint from its snapshot: the config first if it went too; existing parts are kept.
   * Undefined when created; else the status of the endpoint that already holds the name (`Deleting` for one whose
   * deletion has not finished: SageMaker keeps its name till then, and creates nothing).
   */
  async recreateEndpoint(
    name: string,
    config: EndpointConfigCopy,
    tags: Record<string, string>,
  ): Promise<string | undefined> {
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
      const existing = await this.client.send(new DescribeEndpointCommand({ EndpointName: name }));
      return existing.EndpointStatus ?? 'Unknown';
    }
    return undefined;
  }
}
