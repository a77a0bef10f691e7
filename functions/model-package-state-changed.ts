// Model Package State Change: SageMaker also emits it on registration and on edits. Only a package of a
// configured group that is Approved is deployed (and built for the edge); Rejected is recorded, a rejected
// package's approval still queued leaves the queue, a rejected candidate canarying is rolled back, and one that is
// promoted or being promoted is left serving with an alert.
import { modelPackageStateChangeEvent } from '../shared/events/sagemaker';
import { shepherdHandler } from '../shared/observability/handler';
import { logger } from '../shared/observability/logger';
import { done, doneOrGone, ignored } from '../shared/observability/results';
import { lineOfPackageGroup } from '../shared/runtime/lines';
import { deployments } from '../shared/runtime/deployments';

export const handler = shepherdHandler('modelPackageStateChanged', modelPackageStateChangeEvent, async (event) => {
  const { ModelPackageGroupName: group, ModelPackageArn: arn, ModelApprovalStatus: status } = event.detail;
  const why = event.detail.ApprovalDescription;
  const line = lineOfPackageGroup(group);
  if (!line) return ignored('model package of a group no model line names', { group });
  if (status === 'Rejected') {
    logger.info('model package rejected', { model: line.name, arn, why });
    return done(line.name, await deployments().rejected(line, arn, why, event.time));
  }
  if (status !== 'Approved') return ignored('model package not approved (registration or edit)', { arn, status });
  return doneOrGone(line.name, await deployments().approved(line, arn, event));
});
