// What SageMaker refuses of a serverless production variant at CreateEndpointConfig. The Developer Guide lists
// what Serverless Inference does not support ("Feature exclusions",
// https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html): multiple production variants, data
// capture, VPC configuration, network isolation, multi-model endpoints and inference pipelines. The request
// knows the first two; the others are properties of the model a variant serves, looked up once it was found.
// (Model Monitor is refused through data capture, which it needs.) The guide documents the exclusions, not the
// messages SageMaker answers them with: the wording here is ours, in the shape of SageMaker's other semantic
// ValidationExceptions (the variant first, then what is wrong).
import type { VariantSpec } from './variant-spec';
import type { ModelRequest } from './model-request';
import { invalid } from './validation';

const NOT_SUPPORTED = 'which is not supported for serverless endpoints';

/** The config's own rules: a serverless variant is the only variant, and the config captures no data. */
export function checkServerlessConfig(variants: readonly VariantSpec[], capturesData: boolean): void {
  const serverless = variants.find((v) => v.ServerlessConfig);
  if (!serverless) return;
  const at = `Production variant ${serverless.VariantName}`;
  if (variants.length > 1) {
    const n = variants.length;
    throw invalid(`${at} is serverless: a serverless endpoint supports only one production variant, not ${n}.`);
  }
  if (capturesData) throw invalid(`${at}: DataCaptureConfig is specified, ${NOT_SUPPORTED}.`);
}

/**
 * The rules on what a serverless variant's model is: one container serving one model, no VPC, not isolated. A model
 * `modelOf` does not find is left to the not-found answer, checked before.
 */
export function checkServerlessModels(
  variants: readonly VariantSpec[],
  modelOf: (name: string) => ModelRequest | undefined,
): void {
  for (const v of variants) {
    const model = v.ServerlessConfig ? modelOf(v.ModelName) : undefined;
    if (!model) continue;
    const at = `Production variant ${v.VariantName}: model ${v.ModelName}`;
    if (model.vpc) throw invalid(`${at} has a VpcConfig, ${NOT_SUPPORTED}.`);
    if (model.networkIsolation) throw invalid(`${at} has EnableNetworkIsolation set to true, ${NOT_SUPPORTED}.`);
    if (model.containers.length > 1) {
      throw invalid(`${at} is an inference pipeline of ${model.containers.length} containers, ${NOT_SUPPORTED}.`);
    }
    if (model.containers.some((k) => k.Mode === 'MultiModel')) {
      throw invalid(`${at} hosts multiple models (a container in Mode MultiModel), ${NOT_SUPPORTED}.`);
    }
  }
}
