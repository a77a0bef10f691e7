// The model package a finished training registers, in the SDK's own type (see ../sdk.ts): the gate's verdict and the
// run's facts ride along as its description and metadata, which later runs and humans read back.
import type { CreateModelPackageInput } from '@aws-sdk/client-sagemaker';
import type { ModelLine } from '../../config/schema';
import type { JobTraining } from '../../config/training-schema';
import { clientToken } from '../names';
import type { GateResult } from './gate';
import type { CompletedTraining } from './observations';
import type { InFlight } from './state';

export type ModelPackageRequest = CreateModelPackageInput;

/** Facts Shepherd learns only once CreateModelPackage answers (the package ARN); see `registrationFollowUps`. */
export interface RegistrationFollowUp {
  model: string;
  runName: string;
  modelPackageGroup: string;
  trainingJobName: string;
  trigger: string;
  approvalStatus: 'Approved' | 'PendingManualApproval';
  /** `productionPackage`: the package compared with, also when it records no value of the metric. */
  metric: { name: string; value: number; production?: number; productionPackage?: string };
  approvers: string[];
  /** How long the approvers' links work (`approval.linkTtlHours`); entries written before links existed lack it. */
  linkTtlHours?: number;
  at: string;
}

// SageMaker refuses the whole package for one metadata key or value outside this alphabet or its length (1 to 128
// characters for keys, 256 for values): metric names, alarm names and hyperparameter values can be anything.
const OUTSIDE_METADATA = /[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu;
const metadataText = (text: string, max: number): string => text.replace(OUTSIDE_METADATA, '_').slice(0, max) || '_';
const metadataValue = (v: string | number): string => metadataText(String(v), 256);

/**
 * What the candidate was compared with, as approvers read it: a production package registered before Shepherd, or by
 * someone else, has no value to compare, which is not the same as there being no production model.
 */
export function versusProduction(metric: string, production?: number | string, productionPackage?: string): string {
  if (production !== undefined) return `${production} in production`;
  if (productionPackage) return `production model ${productionPackage} records no ${metric} to compare`;
  return 'no production model to compare';
}

/** The key a metric's final value is registered under: the next run's gate and the approval page read it back. */
export const metricKey = (metric: string): string => metadataText(`shepherd:metric:${metric}`, 128);

export function modelPackageRequest(
  line: ModelLine,
  run: InFlight,
  completed: CompletedTraining,
  gate: GateResult,
  approval: RegistrationFollowUp['approvalStatus'],
  productionPackage?: string,
): ModelPackageRequest {
  const training = line.training as JobTraining;
  // The gate's metric first: the next run's gate reads it back from the production package.
  const metrics = Object.entries(completed.metrics)
    .sort(([a], [b]) => Number(b === gate.metric) - Number(a === gate.metric))
    .map(([name, value]) => [metricKey(name), metadataValue(value)]);
  const tuning = completed.tuning;
  const tuned = Object.entries(tuning?.hyperparameters ?? {}).map(([name, value]) => [
    metadataText(`shepherd:tuned:${name}`, 128),
    metadataValue(value),
  ]);
  const by = tuning ? `, the best of tuning job ${tuning.name}` : '';
  const trained = `${line.name} retrained by ${run.trigger.reason} in ${completed.jobName}${by}`;
  const versus = versusProduction(gate.metric, gate.production, productionPackage);
  const description = `${trained}: ${gate.metric}=${gate.value} against ${versus}`;
  return {
    ModelPackageGroupName: line.modelPackageGroup,
    ModelPackageDescription: description.slice(0, 1024),
    ClientToken: clientToken('model-package', completed.jobName),
    ModelApprovalStatus: approval,
    InferenceSpecification: {
      Containers: [{ Image: training.inferenceImage ?? completed.image, ModelDataUrl: completed.artifactUri }],
      SupportedContentTypes: training.contentTypes,
      SupportedResponseMIMETypes: training.responseTypes,
    },
    CustomerMetadataProperties: Object.fromEntries(
      [
        ['shepherd:model', line.name],
        ['shepherd:trainingJob', completed.jobName],
        ['shepherd:trigger', run.trigger.reason],
        ['shepherd:triggerId', metadataValue(run.trigger.id)],
        ['shepherd:windowObjects', String(run.window.objects)],
        ['shepherd:windowBytes', String(run.window.bytes)],
        ['shepherd:startedAt', run.startedAt],
        ['shepherd:objective', metadataValue(gate.metric)],
        ...(gate.production !== undefined ? [['shepherd:productionValue', metadataValue(gate.production)]] : []),
        ...(productionPackage ? [['shepherd:productionPackage', productionPackage]] : []),
        ...(tuning ? [['shepherd:tuningJob', tuning.name]] : []),
        ...metrics,
        ...tuned,
      ]
        // Two names cut to one key: the first (the gate's metric comes first) is the one read back.
        .filter(([key], index, entries) => entries.findIndex(([other]) => other === key) === index)
        // SageMaker takes at most 50 entries.
        .slice(0, 50),
    ),
    ...(tuning?.arn ? { MetadataProperties: { GeneratedBy: tuning.arn } } : {}),
  };
}
