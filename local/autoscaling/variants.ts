// Which scalable dimension a SageMaker variant has: a variant on instances its instance count; a serverless variant
// only its provisioned concurrency, and only once it has some. Sources: the Serverless Inference feature exclusions
// (https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html) and "Automatically scale Provisioned
// Concurrency for a serverless endpoint"
// (https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints-autoscale.html). They document what is
// refused, not the messages Application Auto Scaling answers with: the wording here is ours.
import { invalid } from '../sagemaker/validation';
import type { EndpointVariantView } from '../sagemaker/views';
import { DIMENSION, PROVISIONED, type TargetKey } from './requests';

/** What the emulator needs to know of a variant SageMaker serves: whether it is serverless, and how. */
export type ServedVariant = Pick<EndpointVariantView, 'serverless'>;

/** Refuses a dimension the variant does not have; a key names a variant's dimension once `variantOf` passed. */
export function checkDimension(key: TargetKey, served: ServedVariant): void {
  const s = served.serverless;
  const variant = `${s ? 'serverless variant' : 'variant'} ${key.resourceId}`;
  const refused = (why: string) =>
    invalid(`Scalable dimension ${key.dimension} is not supported for ${variant}: ${why}`);
  if (!s && key.dimension === PROVISIONED) throw refused(`it runs on instances (${DIMENSION}).`);
  if (!s) return;
  if (key.dimension !== PROVISIONED) throw refused(`a serverless variant scales only ${PROVISIONED}.`);
  if (s.provisionedConcurrency === undefined) throw refused('its ServerlessConfig has no ProvisionedConcurrency.');
}
