// A hand-over delivered late (redriven from the dead-letter queue, or again after its claim's week) may come after
// its package was decided: its links could only be refused, so none are mailed.
import { handedOver, LINK_PACKAGE, pendingChurnPackage, resetSecrets } from '../helpers/approval-links';
import { DescribeModelPackageCommand } from '@aws-sdk/client-sagemaker';
import { handler } from '../../functions/send-approval-links';
import { notificationsSent, sagemaker } from '../helpers/aws';
import { createTable } from '../helpers/dynamo';
import { context } from '../helpers/events';
import { freshWorld } from '../helpers/function-world';

// Published a week before it is delivered.
const lateHandOver = () => handedOver('hand-redriven', ['alice@example.com'], 24, '2026-11-19T03:00:00Z');

beforeAll(createTable);
beforeEach(async () => {
  await freshWorld({ clock: '2026-11-27T03:00:00Z', alsoReset: [resetSecrets] });
  pendingChurnPackage(LINK_PACKAGE, 7);
});

describe('a late hand-over of approve and reject links', () => {
  it('mails nothing when the package was approved meanwhile, and says why', async () => {
    // Prepare: approved in Studio since the hand-over was published
    sagemaker.on(DescribeModelPackageCommand).resolves({
      ModelPackageArn: LINK_PACKAGE,
      ModelPackageGroupName: 'churn-models',
      ModelPackageVersion: 7,
      ModelApprovalStatus: 'Approved',
    });

    // Act
    const result = await handler(lateHandOver(), context());

    // Assess
    expect(result).toEqual({ status: 'ignored', reason: 'links not sent: the model package is already Approved' });
    expect(notificationsSent()).toEqual([]);
    expect(sagemaker.commandCalls(DescribeModelPackageCommand)[0]!.args[0].input).toEqual({
      ModelPackageName: LINK_PACKAGE,
    });
  });

  it('mails the links while the package still waits for a decision', async () => {
    // Act
    const result = await handler(lateHandOver(), context());

    // Assess
    expect(result).toMatchObject({ status: 'done', model: 'churn' });
    expect(notificationsSent()).toHaveLength(1);
  });
});
