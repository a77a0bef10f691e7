// An approved package whose containers name no model artifact (the model is in the image): it deploys, but Neo has
// nothing to compile for the line's edge targets, which the operators are told once.
import {
  CreateCompilationJobCommand,
  DescribeEndpointCommand,
  DescribeModelPackageCommand,
} from '@aws-sdk/client-sagemaker';
import { handler as modelPackageStateChanged } from '../../functions/model-package-state-changed';
import { approval, tick } from '../helpers/canary';
import { notificationsSent, sagemaker } from '../helpers/aws';
import { createTable, timeline } from '../helpers/dynamo';
import { context } from '../helpers/events';
import { listedApprovedPackage, noSuchEndpoint, packageArn, resetHosting } from '../helpers/hosting';
import { freshWorld } from '../helpers/function-world';

const edgeAlerts = () => notificationsSent().filter((n) => n.Subject?.includes('edge'));

beforeAll(createTable);
beforeEach(() => {
  freshWorld({ clock: '2026-11-27T03:05:00Z', alsoReset: [resetHosting] });
  sagemaker.on(DescribeModelPackageCommand).resolves({
    ModelPackageArn: packageArn(1),
    ModelPackageGroupName: 'churn-models',
    ModelPackageVersion: 1,
    ModelApprovalStatus: 'Approved',
    InferenceSpecification: {
      Containers: [{ Image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-with-model:1' }],
    },
    CreationTime: new Date('2026-11-27T03:00:00Z'),
    LastModifiedTime: new Date('2026-11-27T03:01:00Z'),
  });
  listedApprovedPackage(1, new Date('2026-11-27T03:00:00Z'));
  sagemaker.on(DescribeEndpointCommand).rejects(noSuchEndpoint());
});

describe('an approved package with no model artifact on a line with edge targets', () => {
  it('starts no Neo build and tells the operators why, once', async () => {
    // Act
    await modelPackageStateChanged(approval(1), context('modelPackageStateChanged'));
    await modelPackageStateChanged({ ...approval(1), id: 'edited-later' }, context('modelPackageStateChanged'));

    // Assess
    expect(sagemaker.commandCalls(CreateCompilationJobCommand)).toEqual([]);
    expect(edgeAlerts()).toHaveLength(1);
    expect(edgeAlerts()[0]!.Message).toContain('ModelDataUrl');
    expect((await timeline('churn')).filter((e) => e.type === 'EdgeBuildsNotStarted')).toHaveLength(1);
  });

  it('tells the operators once when its approval event was lost and the reconciler finds it', async () => {
    // Act
    await tick('2026-11-27T03:20:00Z');
    await tick('2026-11-27T03:21:00Z');

    // Assess
    expect(sagemaker.commandCalls(CreateCompilationJobCommand)).toEqual([]);
    expect(edgeAlerts()).toHaveLength(1);
  });
});
