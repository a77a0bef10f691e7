// SageMaker Pipelines execution status changes, for model lines trained by a pipeline.
import { pipelineExecutionStatusChangeEvent } from '../shared/events/aws';
import { shepherdHandler } from '../shared/observability/handler';
import { config, ignored, retraining } from '../shared/runtime';

// Pipeline ARNs spell the name in lower case: compare without case.
const pipelineName = (arn: string) => arn.slice(arn.indexOf(':pipeline/') + ':pipeline/'.length).split('/')[0]!.toLowerCase();

export const handler = shepherdHandler('pipelineStateChanged', pipelineExecutionStatusChangeEvent, async (event) => {
  const d = event.detail;
  const name = pipelineName(d.pipelineArn);
  const line = config.models.find((m) => m.training.type === 'pipeline' && m.training.pipelineName.toLowerCase() === name);
  if (!line) return ignored('pipeline not configured for any model line', { pipelineArn: d.pipelineArn });
  if (!d.pipelineExecutionDisplayName) return ignored('pipeline execution without a display name: not started by Shepherd', { executionArn: d.pipelineExecutionArn });
  const decision = await retraining.observe(line, {
    name: d.pipelineExecutionDisplayName,
    status: d.currentPipelineExecutionStatus,
    executionArn: d.pipelineExecutionArn,
    ...(d.failureReason ? { failureReason: d.failureReason } : {}),
  });
  return { status: 'done' as const, model: line.name, outcome: decision.log.message };
});
