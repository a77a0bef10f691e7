// Model Package State Change: SageMaker also emits it on registration and on edits. Only a package of a
// configured group that is Approved is deployed (and built for the edge); Rejected is recorded.
import { modelPackageStateChangeEvent } from '../shared/events/aws';
import { shepherdHandler } from '../shared/observability/handler';
import { config, deployments, ignored, logger, store } from '../shared/runtime';

export const handler = shepherdHandler('modelPackageStateChanged', modelPackageStateChangeEvent, async (event) => {
  const d = event.detail;
  const line = config.models.find((m) => m.modelPackageGroup.toLowerCase() === d.ModelPackageGroupName.toLowerCase());
  if (!line) return ignored('model package of a group no model line names', { group: d.ModelPackageGroupName });
  if (d.ModelApprovalStatus === 'Rejected') {
    logger.info('model package rejected', { model: line.name, arn: d.ModelPackageArn, why: d.ApprovalDescription });
    const message = `${d.ModelPackageArn} rejected${d.ApprovalDescription ? `: ${d.ApprovalDescription}` : ''}`;
    await store.putTimeline({ model: line.name, at: event.time, id: `rejected-${d.ModelPackageArn}`, type: 'ModelRejected', message });
    return { status: 'done' as const, model: line.name, outcome: 'rejection recorded' };
  }
  if (d.ModelApprovalStatus !== 'Approved') return ignored('model package not approved (registration or edit)', { arn: d.ModelPackageArn, status: d.ModelApprovalStatus });
  const outcome = await deployments.approved(line, d.ModelPackageArn, event.time);
  return { status: 'done' as const, model: line.name, outcome };
});
