// The deployment-side functions perform no leftover outbox work their IAM role does not grant (shared/app/grants.ts):
// such an entry is left for a function whose role has it, not refused by IAM and taken as the deployment's failure.
import { CreateCompilationJobCommand, DescribeEndpointCommand } from '@aws-sdk/client-sagemaker';
import { handler as abortAlarmRaised } from '../../functions/abort-alarm-raised';
import { handler as endpointStateChanged } from '../../functions/endpoint-state-changed';
import { handler as watchDeployments } from '../../functions/watch-deployments';
import { deploys, deploysAndBuilds } from '../../shared/app/grants';
import type { Action } from '../../shared/domain/actions';
import { sagemaker } from '../helpers/aws';
import { neoBuildLeftover } from '../helpers/canary';
import { createTable, deploymentItem, putDeploymentWithLeftover } from '../helpers/dynamo';
import { context, fixture, tickOf } from '../helpers/events';
import { freshWorld, noApprovedPackages } from '../helpers/function-world';
import { noSuchEndpoint, resetHosting } from '../helpers/hosting';

beforeAll(createTable);
beforeEach(() => freshWorld({ clock: '2026-11-27T06:05:41Z', alsoReset: [resetHosting] }));

describe('an endpoint’s leftover that the deployment-side functions are not granted', () => {
  it.each([
    ['endpointStateChanged', () => endpointStateChanged(fixture('endpoint-state-change.in-service'), context())],
    ['abortAlarmRaised', () => abortAlarmRaised(fixture('cloudwatch-alarm-state-change.abort-alarm'), context())],
    ['watchDeployments', () => tickOf(watchDeployments, 'watchDeployments')('2026-11-27T06:06:00Z')],
  ])('is left in the outbox by %s, which still does its own work', async (_fn, invoke) => {
    // Prepare: the endpoint's item holds a Neo request its last writer could not perform
    await putDeploymentWithLeftover(1, neoBuildLeftover('2026-11-27T06:00:00Z'));
    sagemaker.on(DescribeEndpointCommand).rejects(noSuchEndpoint());
    noApprovedPackages();

    // Act
    const result = await invoke();

    // Assess
    expect(result).toMatchObject({ status: expect.stringMatching(/done|ignored/) });
    expect(sagemaker.commandCalls(CreateCompilationJobCommand)).toEqual([]);
    const outbox = Object.values((await deploymentItem())?.outbox ?? {}) as { action: Action }[];
    expect(outbox.map((entry) => entry.action.type)).toEqual(['createCompilationJob']);
  });

  it('lets them perform every endpoint request, and only modelPackageStateChanged the Neo builds', () => {
    // Prepare
    const endpointWork: Action['type'][] = [
      'updateWeights',
      'createEndpointConfig',
      'rejectModelPackage',
      'registerScaling',
    ];
    const of = (type: Action['type']) => ({ type }) as Action;

    // Act
    const granted = [deploys, deploysAndBuilds].map((performs) => [
      endpointWork.every((type) => performs(of(type))),
      performs(of('createCompilationJob')) && performs(of('stopCompilationJob')),
      performs(of('createTrainingJob')),
    ]);

    // Assess
    expect(granted).toEqual([
      [true, false, false],
      [true, true, false],
    ]);
  });
});
