// The requests of CreateEndpoint, UpdateEndpoint, UpdateEndpointWeightsAndCapacities, DescribeEndpoint and
// DeleteEndpoint, checked against the service model. DeploymentConfig (guardrails) is validated and accepted;
// the emulator deploys all at once but rolls a guarded update back through RollingBack, as guardrails do.
import { Checker, P, type Json } from './validation';

const path = Checker.path;

function endpointName(c: Checker, input: Json): string {
  c.required(input.EndpointName, 'endpointName');
  return c.string(input.EndpointName, 'endpointName', { max: 63, pattern: P.entityName }) ?? '';
}

function configName(c: Checker, input: Json): string {
  c.required(input.EndpointConfigName, 'endpointConfigName');
  return c.string(input.EndpointConfigName, 'endpointConfigName', { max: 63, pattern: P.entityName }) ?? '';
}

function capacitySize(c: Checker, value: unknown, p: string): void {
  const s = c.struct(value, p);
  if (!s) return;
  if (c.required(s.Type, path(p, 'Type')))
    c.string(s.Type, path(p, 'Type'), { enum: ['INSTANCE_COUNT', 'CAPACITY_PERCENT'] });
  if (c.required(s.Value, path(p, 'Value'))) c.int(s.Value, path(p, 'Value'), { min: 1 });
}

function deploymentConfig(c: Checker, value: unknown): Json | undefined {
  const d = c.struct(value, 'deploymentConfig');
  if (!d) return undefined;
  const bg = c.struct(d.BlueGreenUpdatePolicy, 'deploymentConfig.blueGreenUpdatePolicy');
  if (
    bg &&
    c.required(bg.TrafficRoutingConfiguration, 'deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration')
  ) {
    const p = 'deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration';
    const t = c.struct(bg.TrafficRoutingConfiguration, p) ?? {};
    if (c.required(t.Type, path(p, 'Type')))
      c.string(t.Type, path(p, 'Type'), { enum: ['ALL_AT_ONCE', 'CANARY', 'LINEAR'] });
    if (c.required(t.WaitIntervalInSeconds, path(p, 'WaitIntervalInSeconds')))
      c.int(t.WaitIntervalInSeconds, path(p, 'WaitIntervalInSeconds'), { min: 0, max: 3600 });
    capacitySize(c, t.CanarySize, path(p, 'CanarySize'));
    capacitySize(c, t.LinearStepSize, path(p, 'LinearStepSize'));
  }
  if (bg)
    c.int(bg.TerminationWaitInSeconds, 'deploymentConfig.blueGreenUpdatePolicy.terminationWaitInSeconds', {
      min: 0,
      max: 3600,
    });
  if (bg)
    c.int(
      bg.MaximumExecutionTimeoutInSeconds,
      'deploymentConfig.blueGreenUpdatePolicy.maximumExecutionTimeoutInSeconds',
      { min: 600, max: 28800 },
    );
  const rolling = c.struct(d.RollingUpdatePolicy, 'deploymentConfig.rollingUpdatePolicy');
  if (rolling) {
    const p = 'deploymentConfig.rollingUpdatePolicy';
    if (c.required(rolling.MaximumBatchSize, path(p, 'MaximumBatchSize')))
      capacitySize(c, rolling.MaximumBatchSize, path(p, 'MaximumBatchSize'));
    if (c.required(rolling.WaitIntervalInSeconds, path(p, 'WaitIntervalInSeconds')))
      c.int(rolling.WaitIntervalInSeconds, path(p, 'WaitIntervalInSeconds'), { min: 0, max: 3600 });
    capacitySize(c, rolling.RollbackMaximumBatchSize, path(p, 'RollbackMaximumBatchSize'));
  }
  const auto = c.struct(d.AutoRollbackConfiguration, 'deploymentConfig.autoRollbackConfiguration');
  const alarms = auto
    ? (c.list(auto.Alarms, 'deploymentConfig.autoRollbackConfiguration.alarms', { min: 1, max: 10 }) ?? [])
    : [];
  alarms.forEach((a, i) => {
    const p = path('deploymentConfig.autoRollbackConfiguration.alarms', i);
    c.string(c.struct(a, p)?.AlarmName, path(p, 'AlarmName'), { min: 1, max: 255 });
  });
  return d;
}

/** DescribeEndpoint's and DeleteEndpoint's EndpointName. */
export function nameRequest(input: Json): string {
  const c = new Checker();
  const name = endpointName(c, input);
  c.done();
  return name;
}

export function createRequest(input: Json): {
  name: string;
  configName: string;
  tags: { Key: string; Value: string }[];
} {
  const c = new Checker();
  const name = endpointName(c, input);
  const config = configName(c, input);
  deploymentConfig(c, input.DeploymentConfig);
  const tags = c.tags(input.Tags);
  c.done();
  return { name, configName: config, tags };
}

export interface UpdateRequest {
  name: string;
  configName: string;
  retain: boolean;
  exclude: Set<string>;
  guarded: boolean;
}

export function updateRequest(input: Json): UpdateRequest {
  const c = new Checker();
  const name = endpointName(c, input);
  const config = configName(c, input);
  const retain = c.bool(input.RetainAllVariantProperties, 'retainAllVariantProperties') ?? false;
  const exclude = (
    c.list(input.ExcludeRetainedVariantProperties, 'excludeRetainedVariantProperties', { min: 0, max: 3 }) ?? []
  ).map((x, i) => {
    const p = path(path('excludeRetainedVariantProperties', i), 'VariantPropertyType');
    const property = c.struct(x, path('excludeRetainedVariantProperties', i)) ?? {};
    c.required(property.VariantPropertyType, p);
    return (
      c.string(property.VariantPropertyType, p, {
        enum: ['DesiredInstanceCount', 'DesiredWeight', 'DataCaptureConfig'],
      }) ?? ''
    );
  });
  const guarded = deploymentConfig(c, input.DeploymentConfig) !== undefined;
  c.bool(input.RetainDeploymentConfig, 'retainDeploymentConfig');
  c.done();
  return { name, configName: config, retain, exclude: new Set(exclude), guarded };
}

export interface Desired {
  VariantName: string;
  DesiredWeight?: number;
  DesiredInstanceCount?: number;
}

export function weightsRequest(input: Json): { name: string; desired: Desired[] } {
  const c = new Checker();
  const name = endpointName(c, input);
  c.required(input.DesiredWeightsAndCapacities, 'desiredWeightsAndCapacities');
  const desired = (c.list(input.DesiredWeightsAndCapacities, 'desiredWeightsAndCapacities', { min: 1 }) ?? []).map(
    (x, i) => {
      const p = path('desiredWeightsAndCapacities', i);
      const d = c.struct(x, p) ?? {};
      c.required(d.VariantName, path(p, 'VariantName'));
      const VariantName = c.string(d.VariantName, path(p, 'VariantName'), { max: 63, pattern: P.entityName }) ?? '';
      const weight = c.number(d.DesiredWeight, path(p, 'DesiredWeight'), { min: 0 });
      const count = c.int(d.DesiredInstanceCount, path(p, 'DesiredInstanceCount'), { min: 0 });
      return {
        VariantName,
        ...(weight !== undefined ? { DesiredWeight: weight } : {}),
        ...(count !== undefined ? { DesiredInstanceCount: count } : {}),
      };
    },
  );
  c.done();
  return { name, desired };
}
