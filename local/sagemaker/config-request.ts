// CreateEndpointConfig's request: 1–10 production variants, each a model on instances (InstanceType and
// InitialInstanceCount) or serverless (ServerlessConfig), with a traffic weight (default 1.0), and optionally a
// DataCaptureConfig; checked against the service model, then SageMaker's rules for variants, then what a
// serverless variant excludes (./serverless-rules). Instance types are the SDK's enum of the same model.
import { ProductionVariantInstanceType } from '@aws-sdk/client-sagemaker';
import { pattern } from './patterns';
import { checkServerlessConfig } from './serverless-rules';
import { Checker, invalid, P, type Json } from './validation';
import type { VariantSpec } from './variant-spec';

export interface ConfigRequest {
  name: string;
  variants: VariantSpec[];
  kmsKeyId?: string;
  /** DataCaptureConfig, AsyncInferenceConfig, …: kept and shown as given */
  extra: Json;
  tags: { Key: string; Value: string }[];
}

const INSTANCE_TYPES: readonly string[] = Object.values(ProductionVariantInstanceType);
// In the service model's order, which AWS's enum message prints (the SDK's enum is sorted).
const CAPTURE_MODES = ['Input', 'Output', 'InputAndOutput'];
// DataCaptureConfig's own shapes in the service model: DestinationS3Uri's pattern differs from S3Uri's.
const DESTINATION = pattern('(https|s3)://([^/])/?(.*)$', '(https|s3)://([^/])/?(.*)');
const CONTENT_TYPE = pattern('[a-zA-Z0-9](-*[a-zA-Z0-9])*\\/[a-zA-Z0-9](-*[a-zA-Z0-9.])*');
const path = Checker.path;

/** DataCaptureConfig as the service model constrains it; which variants may capture is checked later. */
function dataCapture(c: Checker, value: unknown, p: string): void {
  const d = c.struct(value, p);
  if (!d) return;
  c.bool(d.EnableCapture, path(p, 'EnableCapture'));
  c.required(d.InitialSamplingPercentage, path(p, 'InitialSamplingPercentage'));
  c.int(d.InitialSamplingPercentage, path(p, 'InitialSamplingPercentage'), { min: 0, max: 100 });
  c.required(d.DestinationS3Uri, path(p, 'DestinationS3Uri'));
  c.string(d.DestinationS3Uri, path(p, 'DestinationS3Uri'), { max: 512, pattern: DESTINATION });
  c.string(d.KmsKeyId, path(p, 'KmsKeyId'), { max: 2048, pattern: P.kmsKeyId });
  const options = path(p, 'CaptureOptions');
  c.required(d.CaptureOptions, options);
  (c.list(d.CaptureOptions, options, { min: 1, max: 32 }) ?? []).forEach((o, i) => {
    const option = c.struct(o, path(options, i)) ?? {};
    const mode = path(path(options, i), 'CaptureMode');
    c.required(option.CaptureMode, mode);
    c.string(option.CaptureMode, mode, { enum: CAPTURE_MODES });
  });
  const header = c.struct(d.CaptureContentTypeHeader, path(p, 'CaptureContentTypeHeader'));
  for (const member of ['CsvContentTypes', 'JsonContentTypes']) {
    const q = path(path(p, 'CaptureContentTypeHeader'), member);
    const types = c.list(header?.[member], q, { min: 1, max: 10 }) ?? [];
    types.forEach((t, i) => c.string(t, path(q, i), { min: 1, max: 256, pattern: CONTENT_TYPE }));
  }
}

function serverless(c: Checker, value: unknown, p: string): VariantSpec['ServerlessConfig'] {
  const s = c.struct(value, p);
  if (!s) return undefined;
  c.required(s.MemorySizeInMB, path(p, 'MemorySizeInMB'));
  c.required(s.MaxConcurrency, path(p, 'MaxConcurrency'));
  const MemorySizeInMB = c.int(s.MemorySizeInMB, path(p, 'MemorySizeInMB'), { min: 1024, max: 6144 }) ?? 0;
  const MaxConcurrency = c.int(s.MaxConcurrency, path(p, 'MaxConcurrency'), { min: 1, max: 200 }) ?? 0;
  const provisioned = c.int(s.ProvisionedConcurrency, path(p, 'ProvisionedConcurrency'), { min: 1, max: 200 });
  return {
    MemorySizeInMB,
    MaxConcurrency,
    ...(provisioned !== undefined ? { ProvisionedConcurrency: provisioned } : {}),
  };
}

function variant(c: Checker, value: unknown, p: string): VariantSpec {
  const v = c.struct(value, p) ?? {};
  c.required(v.VariantName, path(p, 'VariantName'));
  const VariantName = c.string(v.VariantName, path(p, 'VariantName'), { max: 63, pattern: P.entityName }) ?? '';
  // Optional in the model (inference components); every variant Shepherd deploys serves a model.
  c.required(v.ModelName, path(p, 'ModelName'));
  const ModelName = c.string(v.ModelName, path(p, 'ModelName'), { max: 63, pattern: P.modelName }) ?? '';
  const InitialInstanceCount = c.int(v.InitialInstanceCount, path(p, 'InitialInstanceCount'), { min: 1 });
  const InstanceType = c.string(v.InstanceType, path(p, 'InstanceType'), { enum: INSTANCE_TYPES });
  const InitialVariantWeight = c.number(v.InitialVariantWeight, path(p, 'InitialVariantWeight'), { min: 0 }) ?? 1;
  c.int(v.VolumeSizeInGB, path(p, 'VolumeSizeInGB'), { min: 1, max: 512 });
  c.int(v.ModelDataDownloadTimeoutInSeconds, path(p, 'ModelDataDownloadTimeoutInSeconds'), { min: 60, max: 3600 });
  c.int(v.ContainerStartupHealthCheckTimeoutInSeconds, path(p, 'ContainerStartupHealthCheckTimeoutInSeconds'), {
    min: 60,
    max: 3600,
  });
  const ServerlessConfig = serverless(c, v.ServerlessConfig, path(p, 'ServerlessConfig'));
  return {
    VariantName,
    ModelName,
    InitialVariantWeight,
    given: v,
    ...(InstanceType !== undefined ? { InstanceType } : {}),
    ...(InitialInstanceCount !== undefined ? { InitialInstanceCount } : {}),
    ...(ServerlessConfig ? { ServerlessConfig } : {}),
  };
}

/** The rules the model cannot express: unique names, and each variant either on instances or serverless. */
function checkVariants(variants: readonly VariantSpec[]): void {
  const seen = new Set<string>();
  for (const v of variants) {
    if (seen.has(v.VariantName))
      throw invalid(
        `The variant name "${v.VariantName}" is used by more than one production variant. ` +
          'Variant names must be unique.',
      );
    seen.add(v.VariantName);
    const onInstances = v.InstanceType !== undefined || v.InitialInstanceCount !== undefined;
    if (v.ServerlessConfig && onInstances)
      throw invalid(
        `Production variant ${v.VariantName}: ` +
          'ServerlessConfig cannot be combined with InstanceType or InitialInstanceCount.',
      );
    if (!v.ServerlessConfig && (v.InstanceType === undefined || v.InitialInstanceCount === undefined)) {
      throw invalid(
        `Production variant ${v.VariantName} must specify either ServerlessConfig, ` +
          'or InstanceType and InitialInstanceCount.',
      );
    }
    const s = v.ServerlessConfig;
    if (s && s.MemorySizeInMB % 1024 !== 0)
      throw invalid(
        `Production variant ${v.VariantName}: MemorySizeInMB must be one of 1024, 2048, 3072, 4096, 5120, 6144.`,
      );
    if (s?.ProvisionedConcurrency !== undefined && s.ProvisionedConcurrency > s.MaxConcurrency) {
      throw invalid(
        `Production variant ${v.VariantName}: ProvisionedConcurrency must be less than or equal to MaxConcurrency.`,
      );
    }
  }
}

const KEPT_AS_GIVEN = (
  'DataCaptureConfig AsyncInferenceConfig ExplainerConfig ShadowProductionVariants ExecutionRoleArn VpcConfig ' +
  'EnableNetworkIsolation MetricsConfig'
).split(' ');

/** Validates a CreateEndpointConfig input: every model violation at once, then the variant rules. */
export function configRequest(input: Json): ConfigRequest {
  const c = new Checker();
  c.required(input.EndpointConfigName, 'endpointConfigName');
  const name = c.string(input.EndpointConfigName, 'endpointConfigName', { max: 63, pattern: P.entityName }) ?? '';
  c.required(input.ProductionVariants, 'productionVariants');
  const variants = (c.list(input.ProductionVariants, 'productionVariants', { min: 1, max: 10 }) ?? []).map((v, i) =>
    variant(c, v, path('productionVariants', i)),
  );
  const kmsKeyId = c.string(input.KmsKeyId, 'kmsKeyId', { max: 2048, pattern: P.kmsKeyId });
  dataCapture(c, input.DataCaptureConfig, 'dataCaptureConfig');
  c.struct(input.AsyncInferenceConfig, 'asyncInferenceConfig');
  const tags = c.tags(input.Tags);
  c.done();
  checkVariants(variants);
  checkServerlessConfig(variants, input.DataCaptureConfig !== undefined && input.DataCaptureConfig !== null);
  // Kept and described as given, as SageMaker does: a config's copy (a cost sweep's snapshot) must restore them all.
  const extra = Object.fromEntries(
    KEPT_AS_GIVEN.filter((k) => input[k] !== undefined).map((k) => [k, structuredClone(input[k])]),
  );
  return { name, variants, extra, tags, ...(kmsKeyId !== undefined ? { kmsKeyId } : {}) };
}
