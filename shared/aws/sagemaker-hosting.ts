// SageMaker hosting: models, endpoint configs, endpoints, weights (Neo is sagemaker-neo.ts,
// the registry's approved packages sagemaker-packages.ts). Every create is
// safe to repeat (deterministic names); "already exists" means an earlier attempt got through.
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  DescribeEndpointCommand,
  type DescribeEndpointCommandOutput,
  DescribeEndpointConfigCommand,
  UpdateEndpointCommand,
  UpdateEndpointWeightsAndCapacitiesCommand,
  UpdateModelPackageCommand,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import type { EndpointConfigRequest, ModelRequest, WeightsRequest } from '../domain/deployment/requests';
import type { EndpointSnapshot } from '../domain/deployment/line';
import { asApprovalDescription } from '../domain/registry/approval-description';
import { EndpointBusyError, EndpointUpdatedOutsideError, updating, weightsOf } from './sagemaker-endpoint-updates';
import { isNotFound, isValidation, tolerate } from './sagemaker-errors';
import { isoTime } from './iso-time';

const alreadyExists = (err: unknown) => isValidation(err, /already exist/i);

class ConfigGoneError extends Error {}

export class SageMakerHostingAdapter {
  constructor(private readonly client: SageMakerClient) {}

  createModel = (r: ModelRequest) => tolerate(this.client.send(new CreateModelCommand(r)), alreadyExists);
  createEndpointConfig = (r: EndpointConfigRequest) =>
    tolerate(this.client.send(new CreateEndpointConfigCommand(r)), alreadyExists);
  createEndpoint = (EndpointName: string, EndpointConfigName: string) =>
    tolerate(this.client.send(new CreateEndpointCommand({ EndpointName, EndpointConfigName })), alreadyExists);

  /**
   * Done when the endpoint already serves the config (a repeated attempt); refused while the endpoint is busy,
   * because "in progress" cannot say whose update is running. `keepInstances`: a variant the endpoint keeps stays on
   * the instances it runs now, where UpdateEndpoint would otherwise start it on the config's InitialInstanceCount;
   * only its weight is the config's (docs/aws-sagemaker.md). `fromConfig`: the config the decision saw the endpoint
   * on; serving another, it was updated by someone else since, and is not updated over them.
   */
  async updateEndpoint(
    EndpointName: string,
    EndpointConfigName: string,
    keepInstances = false,
    fromConfig?: string,
  ): Promise<void> {
    const e = await this.client.send(new DescribeEndpointCommand({ EndpointName }));
    if (e.EndpointStatus !== 'InService') {
      if (e.EndpointConfigName === EndpointConfigName && e.EndpointStatus === 'Creating') return;
      throw new EndpointBusyError(EndpointName, e.EndpointStatus ?? 'Unknown');
    }
    if (e.EndpointConfigName === EndpointConfigName) return;
    if (fromConfig !== undefined && e.EndpointConfigName !== fromConfig)
      throw new EndpointUpdatedOutsideError(EndpointName, e.EndpointConfigName ?? 'no config', fromConfig);
    const keep = keepInstances
      ? {
          RetainAllVariantProperties: true,
          ExcludeRetainedVariantProperties: [{ VariantPropertyType: 'DesiredWeight' as const }],
        }
      : {};
    await updating(e, this.client.send(new UpdateEndpointCommand({ EndpointName, EndpointConfigName, ...keep })));
  }

  /** Done when the weights already are as desired; refused while the endpoint is busy. */
  async updateWeights(r: WeightsRequest): Promise<void> {
    const e = await this.client.send(new DescribeEndpointCommand({ EndpointName: r.EndpointName }));
    if (e.EndpointStatus !== 'InService') throw new EndpointBusyError(r.EndpointName, e.EndpointStatus ?? 'Unknown');
    const current = new Map((e.ProductionVariants ?? []).map((v) => [v.VariantName, v.CurrentWeight]));
    if (r.DesiredWeightsAndCapacities.every((d) => current.get(d.VariantName) === d.DesiredWeight)) return;
    await updating(e, this.client.send(new UpdateEndpointWeightsAndCapacitiesCommand(r)));
  }

  /** How many instances a variant runs now, its autoscaling's doing included; undefined when it does not serve. */
  async variantInstances(EndpointName: string, variant: string): Promise<number | undefined> {
    const e = await this.client.send(new DescribeEndpointCommand({ EndpointName }));
    return e.ProductionVariants?.find((v) => v.VariantName === variant)?.CurrentInstanceCount;
  }

  deleteEndpointConfig = (EndpointConfigName: string) =>
    tolerate(this.client.send(new DeleteEndpointConfigCommand({ EndpointConfigName })), isNotFound);
  deleteModel = (ModelName: string) => tolerate(this.client.send(new DeleteModelCommand({ ModelName })), isNotFound);

  rejectModelPackage = (ModelPackageArn: string, reason: string) =>
    this.client
      .send(
        new UpdateModelPackageCommand({
          ModelPackageArn,
          ModelApprovalStatus: 'Rejected',
          ApprovalDescription: asApprovalDescription(reason),
        }),
      )
      .then(() => undefined);

  /** The endpoint as a deployment needs it: its status, config and the variant that serves (the heaviest). */
  async describeEndpoint(EndpointName: string): Promise<EndpointSnapshot & { failureReason?: string }> {
    // The config can be deleted between the two look-ups (a promotion's clean-up): look again.
    for (let look = 1; look <= 3; look++) {
      try {
        return await this.describeEndpointOnce(EndpointName);
      } catch (err) {
        if (!(err instanceof ConfigGoneError)) throw err;
      }
    }
    throw new EndpointBusyError(EndpointName, 'changing its config while being looked up');
  }

  private async describeEndpointOnce(EndpointName: string): Promise<EndpointSnapshot & { failureReason?: string }> {
    let e: DescribeEndpointCommandOutput;
    try {
      e = await this.client.send(new DescribeEndpointCommand({ EndpointName }));
    } catch (err) {
      if (isNotFound(err)) return { exists: false };
      throw err;
    }
    const weights = new Map<string | undefined, number>(Object.entries(weightsOf(e)));
    const base = {
      exists: true,
      status: e.EndpointStatus ?? 'Unknown',
      ...(e.EndpointConfigName ? { configName: e.EndpointConfigName } : {}),
      ...(e.FailureReason ? { failureReason: e.FailureReason } : {}),
      ...(weights.size ? { weights: Object.fromEntries(weights) } : {}),
      ...(e.LastModifiedTime ? { lastModified: isoTime(e.LastModifiedTime) } : {}),
    };
    if (!e.EndpointConfigName || e.EndpointStatus !== 'InService') return base;
    const config = await this.client
      .send(new DescribeEndpointConfigCommand({ EndpointConfigName: e.EndpointConfigName }))
      .catch((err: unknown) => {
        throw isNotFound(err) ? new ConfigGoneError() : err;
      });
    const heaviest = [...(config.ProductionVariants ?? [])].sort(
      (a, b) => (weights.get(b.VariantName) ?? 0) - (weights.get(a.VariantName) ?? 0),
    )[0];
    if (!heaviest?.VariantName || !heaviest.ModelName) return base;
    const live = e.ProductionVariants?.find((v) => v.VariantName === heaviest.VariantName);
    return {
      ...base,
      serving: {
        variant: heaviest.VariantName,
        model: heaviest.ModelName,
        instanceCount: heaviest.ServerlessConfig
          ? 0
          : (live?.CurrentInstanceCount ?? heaviest.InitialInstanceCount ?? 1),
        ...(heaviest.InstanceType ? { instanceType: heaviest.InstanceType } : {}),
        ...(heaviest.ServerlessConfig
          ? {
              serverless: {
                memorySizeInMB: heaviest.ServerlessConfig.MemorySizeInMB ?? 2048,
                maxConcurrency: heaviest.ServerlessConfig.MaxConcurrency ?? 10,
              },
            }
          : {}),
      },
    };
  }
}
