// The rules on SageMaker's own state-change events (training and tuning jobs, pipeline executions, model packages,
// endpoints), each narrowed to the resources of the configured lines. SageMaker's names are matched without case, as
// SageMaker treats them and as Shepherd finds a line (shared/runtime/lines.ts); Shepherd's own tags exactly.
import { pipelineLines, trainedLines, tuningLines, tuningPrefixes } from './lines';
import type { Config } from './schema';
import { targetDelivery } from './stack-parts';

const ignoringCase = (name: string) => ({ 'equals-ignore-case': name });

export function sagemakerRules(c: Config) {
  const trainingStateChanged = trainedLines(c).length
    ? [
        {
          eventBridge: {
            pattern: {
              source: ['aws.sagemaker'],
              'detail-type': ['SageMaker Training Job State Change'],
              // Tuning lines too: their children's events are counted and ignored.
              detail: { Tags: { 'shepherd:model': trainedLines(c).map((m) => m.name) } },
            },
            ...targetDelivery,
          },
        },
      ]
    : [];
  const tuningStateChanged = tuningLines(c).length
    ? [
        {
          eventBridge: {
            pattern: {
              source: ['aws.sagemaker'],
              'detail-type': ['SageMaker HyperParameter Tuning Job State Change'],
              detail: { HyperParameterTuningJobName: tuningPrefixes(c).map((prefix) => ({ prefix })) },
            },
            ...targetDelivery,
          },
        },
      ]
    : [];
  const pipelineStateChanged = pipelineLines(c).length
    ? [
        {
          eventBridge: {
            pattern: {
              source: ['aws.sagemaker'],
              'detail-type': ['SageMaker Model Building Pipeline Execution Status Change'],
              detail: {
                pipelineArn: pipelineLines(c).map((m) => ({
                  suffix: { 'equals-ignore-case': `:pipeline/${m.training.pipelineName}` },
                })),
              },
            },
            ...targetDelivery,
          },
        },
      ]
    : [];
  const deployed = c.models.filter((m) => m.deployment || m.edgeTargets.length);
  const modelPackageStateChanged = deployed.length
    ? [
        {
          eventBridge: {
            pattern: {
              source: ['aws.sagemaker'],
              'detail-type': ['SageMaker Model Package State Change'],
              // Registration (PendingManualApproval) and edits of pending packages need no action.
              detail: {
                ModelPackageGroupName: deployed.map((m) => ignoringCase(m.modelPackageGroup)),
                ModelApprovalStatus: ['Approved', 'Rejected'],
              },
            },
            ...targetDelivery,
          },
        },
      ]
    : [];
  const endpoints = c.models.flatMap((m) => (m.deployment ? [m.deployment.endpointName] : []));
  const endpointStateChanged = endpoints.length
    ? [
        {
          eventBridge: {
            pattern: {
              source: ['aws.sagemaker'],
              'detail-type': ['SageMaker Endpoint State Change'],
              detail: { EndpointName: endpoints.map(ignoringCase) },
            },
            ...targetDelivery,
          },
        },
      ]
    : [];
  return {
    trainingStateChanged,
    tuningStateChanged,
    pipelineStateChanged,
    modelPackageStateChanged,
    endpointStateChanged,
  };
}
