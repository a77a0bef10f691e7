// SageMaker Pipelines execution status changes, for model lines trained by a pipeline.
import * as LEFTOVER_GRANTS from '../shared/app/leftover-grants';
import { pipelineExecutionStatusChangeEvent } from '../shared/events/sagemaker';
import { shepherdHandler } from '../shared/observability/handler';
import { doneOrGone, ignored } from '../shared/observability/results';
import { pipelineLineOf } from '../shared/runtime/lines';
import { retraining } from '../shared/runtime/retraining';

export const handler = shepherdHandler('pipelineStateChanged', pipelineExecutionStatusChangeEvent, async (event) => {
  const d = event.detail;
  const line = pipelineLineOf(d.pipelineArn);
  if (!line) return ignored('pipeline not configured for any model line', { pipelineArn: d.pipelineArn });
  if (!d.pipelineExecutionDisplayName) {
    const executionArn = d.pipelineExecutionArn;
    return ignored('pipeline execution without a display name: not started by Shepherd', { executionArn });
  }
  const observed = {
    name: d.pipelineExecutionDisplayName,
    status: d.currentPipelineExecutionStatus,
    executionArn: d.pipelineExecutionArn,
    ...(d.failureReason ? { failureReason: d.failureReason } : {}),
  };
  // Its role starts nothing in SageMaker: a start left in the line's outbox is the reconciler's to make.
  const decision = await retraining().observe(line, observed, undefined, {
    performs: LEFTOVER_GRANTS.pipelineStateChanged,
  });
  return doneOrGone(line.name, decision);
});
