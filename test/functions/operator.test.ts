// The operator's human actions (the CLI's and the approval links'), on the real state table with SageMaker mocked:
// what SageMaker receives, what the timeline says, and what a refusal to the person leaves behind.
import { DescribeScalableTargetsCommand } from '@aws-sdk/client-application-auto-scaling';
import {
  DescribeModelPackageCommand,
  ListModelPackagesCommand,
  UpdateEndpointWeightsAndCapacitiesCommand,
  UpdateModelPackageCommand,
} from '@aws-sdk/client-sagemaker';
import { lineNamed } from '../../shared/runtime/lines';
import { sagemaker } from '../helpers/aws';
import { bakingCanary, tick } from '../helpers/canary';
import { createTable, deploymentItem, timeline } from '../helpers/dynamo';
import { autoscaling as autoscalingMock, packageArn, resetHosting } from '../helpers/hosting';
import { freshWorld } from '../helpers/function-world';
import { accessDenied, cliOperator } from '../helpers/operator';

const churn = lineNamed('churn')!;
const ana = { who: 'arn:aws:iam::123456789012:user/ana', why: 'offline metrics reviewed', via: 'shepherd CLI' };

/** Version 4 of churn-models, the newest, waiting for a human. */
function pendingPackage(): void {
  const summary = {
    ModelPackageArn: packageArn(4),
    ModelPackageVersion: 4,
    ModelPackageGroupName: 'churn-models',
    CreationTime: new Date('2026-11-27T04:00:00Z'),
    ModelPackageStatus: 'Completed' as const,
  };
  sagemaker.on(ListModelPackagesCommand).resolves({ ModelPackageSummaryList: [summary] });
  sagemaker
    .on(DescribeModelPackageCommand, { ModelPackageName: packageArn(4) })
    .resolves({ ...summary, ModelApprovalStatus: 'PendingManualApproval' });
}

beforeAll(createTable);
beforeEach(() => freshWorld({ clock: '2026-11-27T05:00:00Z', alsoReset: [resetHosting] }));

describe('a human approves from the CLI or a link', () => {
  it('sends UpdateModelPackage naming who, how and why, and records it on the timeline', async () => {
    // Prepare
    pendingPackage();
    sagemaker.on(UpdateModelPackageCommand).resolves({ ModelPackageArn: packageArn(4) });

    // Act
    const result = await cliOperator().decidePackage(churn, 'Approved', ana);

    // Assess
    expect(result).toEqual({
      outcome: 'done',
      message: 'churn-models/4 approved',
      data: { arn: packageArn(4), version: 4 },
    });
    expect(sagemaker.commandCalls(UpdateModelPackageCommand).map((c) => c.args[0].input)).toEqual([
      {
        ModelPackageArn: packageArn(4),
        ModelApprovalStatus: 'Approved',
        ApprovalDescription: `Approved by ${ana.who} via shepherd CLI: offline metrics reviewed`,
      },
    ]);
    expect((await timeline('churn')).map((e) => [e.type, e.data?.who])).toEqual([['ModelApprovedByHuman', ana.who]]);
  });

  it('frees the package again when the registry refuses the person, so someone allowed decides', async () => {
    // Prepare
    pendingPackage();
    sagemaker
      .on(UpdateModelPackageCommand)
      .rejectsOnce(accessDenied())
      .resolves({ ModelPackageArn: packageArn(4) });

    // Act
    const denied = cliOperator().decidePackage(churn, 'Approved', ana);
    await expect(denied).rejects.toThrow('is not authorized to perform this action');
    const allowed = await cliOperator().decidePackage(churn, 'Rejected', { ...ana, who: 'arn:aws:iam::1:user/bo' });

    // Assess
    expect(allowed.outcome).toBe('done');
    const statuses = sagemaker.commandCalls(UpdateModelPackageCommand).map((c) => c.args[0].input.ModelApprovalStatus);
    expect(statuses).toEqual(['Approved', 'Rejected']);
    const entries = (await timeline('churn')).map((e) => [e.type, e.message]);
    expect(entries).toEqual([
      ['ModelApprovedByHuman', `${ana.who} chose to approve churn-models/4 via shepherd CLI: offline metrics reviewed`],
      ['ModelRejectedByHuman', expect.stringMatching(/^arn:aws:iam::1:user\/bo chose to reject churn-models\/4/)],
      [
        'ModelDecisionRefused',
        `the registry refused the approval of churn-models/4 by ${ana.who}: AccessDeniedException: User: ` +
          'arn:aws:iam::123456789012:user/ana is not authorized to perform this action; nothing was decided',
      ],
    ]);
  });
});

describe('a human aborts a canary with credentials that may not change the endpoint', () => {
  it('is told, the deployment is not failed, and the reconciler takes the candidate out with its role', async () => {
    // Prepare
    await bakingCanary();
    sagemaker.on(UpdateEndpointWeightsAndCapacitiesCommand).rejectsOnce(accessDenied()).resolves({});

    // Act
    const abort = cliOperator().decideDeployment(churn, 'abort', { ...ana, why: 'pager' });
    await expect(abort).rejects.toThrow('is not authorized to perform this action');
    const afterRefusal = await deploymentItem();
    await tick('2026-11-27T05:01:00Z');

    // Assess
    expect(afterRefusal?.active).toMatchObject({
      status: 'draining',
      weight: 0,
      reason: `aborted by ${ana.who}: pager`,
    });
    expect(afterRefusal?.history).toEqual([]);
    const weights = sagemaker.commandCalls(UpdateEndpointWeightsAndCapacitiesCommand).map((c) => c.args[0].input);
    expect(weights).toHaveLength(2);
    expect(weights[1]!.DesiredWeightsAndCapacities).toContainEqual(
      expect.objectContaining({ VariantName: 'v2', DesiredWeight: 0 }),
    );
    expect(Object.values((await deploymentItem())?.outbox ?? {}).map((e: any) => e.action.type)).not.toContain(
      'updateWeights',
    );
  });
});

describe('a human aborts a canary while Application Auto Scaling cannot be read', () => {
  it('takes the candidate out all the same: an abort needs nothing of the baseline’s autoscaling', async () => {
    // Prepare
    await bakingCanary();
    autoscalingMock.resetHistory();
    autoscalingMock.on(DescribeScalableTargetsCommand).rejects(accessDenied());

    // Act
    const result = await cliOperator().decideDeployment(churn, 'abort', { ...ana, why: 'pager' });

    // Assess
    expect(result.outcome).toBe('done');
    const weights = sagemaker.commandCalls(UpdateEndpointWeightsAndCapacitiesCommand).map((c) => c.args[0].input);
    expect(weights.map((w) => w.DesiredWeightsAndCapacities)).toEqual([
      [
        { VariantName: 'v1', DesiredWeight: 100 },
        { VariantName: 'v2', DesiredWeight: 0, DesiredInstanceCount: 1 },
      ],
    ]);
    expect(autoscalingMock.calls()).toEqual([]);
    expect((await deploymentItem())?.active).toMatchObject({
      status: 'draining',
      reason: `aborted by ${ana.who}: pager`,
    });
  });
});
