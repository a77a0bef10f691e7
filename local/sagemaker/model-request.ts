// CreateModel's request: one container (PrimaryContainer) or an inference pipeline (Containers, up to 15), each
// an image, an artifact and/or a registered model package; checked against the service model, then SageMaker's
// own rules about which of those must be present.
import { Checker, invalid, P, type Json } from './validation';

export interface ModelRequest {
  name: string;
  /** as given; one entry when given as PrimaryContainer */
  containers: Json[];
  /** DescribeModel answers in the member the model was created with */
  primary: boolean;
  roleArn?: string;
  vpc?: Json;
  networkIsolation: boolean;
  executionConfig?: Json;
  tags: { Key: string; Value: string }[];
}

const path = Checker.path;

function container(c: Checker, value: unknown, p: string): Json {
  const k = c.struct(value, p) ?? {};
  c.string(k.ContainerHostname, path(p, 'ContainerHostname'), { max: 63, pattern: P.entityName });
  c.string(k.Image, path(p, 'Image'), { max: 255, pattern: P.image });
  c.string(k.ModelDataUrl, path(p, 'ModelDataUrl'), { max: 1024, pattern: P.s3Uri });
  c.string(k.ModelPackageName, path(p, 'ModelPackageName'), { min: 1, max: 176, pattern: P.versionedArnOrName });
  c.string(k.Mode, path(p, 'Mode'), { enum: ['SingleModel', 'MultiModel'] });
  c.map(k.Environment, path(p, 'Environment'), {
    max: 100,
    key: { max: 1024, pattern: P.environmentKey },
    value: { max: 1024 },
  });
  return k;
}

/** Validates a CreateModel input: every model violation at once, then the container rules. */
export function modelRequest(input: Json): ModelRequest {
  const c = new Checker();
  c.required(input.ModelName, 'modelName');
  const name = c.string(input.ModelName, 'modelName', { max: 63, pattern: P.modelName }) ?? '';
  // Optional in the service model since models may pull nothing that needs a role; checked when given.
  const roleArn = c.string(input.ExecutionRoleArn, 'executionRoleArn', { min: 20, max: 2048, pattern: P.roleArn });
  const primary =
    input.PrimaryContainer === undefined || input.PrimaryContainer === null
      ? undefined
      : container(c, input.PrimaryContainer, 'primaryContainer');
  const pipeline = (c.list(input.Containers, 'containers', { max: 15 }) ?? []).map((k, i) =>
    container(c, k, path('containers', i)),
  );
  const executionConfig = c.struct(input.InferenceExecutionConfig, 'inferenceExecutionConfig');
  if (executionConfig && c.required(executionConfig.Mode, 'inferenceExecutionConfig.mode')) {
    c.string(executionConfig.Mode, 'inferenceExecutionConfig.mode', { enum: ['Serial', 'Direct'] });
  }
  const vpc = c.vpc(input.VpcConfig);
  const networkIsolation = c.bool(input.EnableNetworkIsolation, 'enableNetworkIsolation') ?? false;
  const tags = c.tags(input.Tags);
  c.done();

  if (primary && input.Containers !== undefined)
    throw invalid('PrimaryContainer and Containers are mutually exclusive: specify one of them.');
  const containers = primary ? [primary] : pipeline;
  if (containers.length === 0) throw invalid('Either PrimaryContainer or Containers must be specified.');
  containers.forEach((k, i) => {
    if (k.Image === undefined && k.ModelPackageName === undefined)
      throw invalid(`Container ${i + 1} must specify Image or ModelPackageName.`);
  });
  return {
    name,
    containers,
    primary: primary !== undefined,
    networkIsolation,
    tags,
    ...(roleArn !== undefined ? { roleArn } : {}),
    ...(vpc ? { vpc } : {}),
    ...(executionConfig ? { executionConfig } : {}),
  };
}
