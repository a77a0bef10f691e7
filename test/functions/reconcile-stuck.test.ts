import { DescribeEndpointCommand, DescribeTrainingJobCommand } from '@aws-sdk/client-sagemaker';
import { handler as modelPackageStateChanged } from '../../functions/model-package-state-changed';
import { notificationsSent, sagemaker } from '../helpers/aws';
import { approval, neoBuilding, tick } from '../helpers/canary';
import { createTable, deploymentItem, timeline, trainingItem } from '../helpers/dynamo';
import { context, setClock } from '../helpers/events';
import { describedJob, startChurnTraining } from '../helpers/flows';
import { OLD_CONFIG, describedPackage, endpointServes, resetHosting } from '../helpers/hosting';
import { freshWorld } from '../helpers/function-world';

const stuckAlerts = () => notificationsSent().filter((n) => /stuck/.test(n.Subject ?? ''));

beforeAll(createTable);
beforeEach(() => freshWorld({ clock: '2026-11-27T06:05:41Z', alsoReset: [resetHosting] }));

describe('reconcile: a training that stays far longer than its stopping condition', () => {
  it('says once what it waits for, on the first tick past MaxWaitTimeInSeconds and its margin', async () => {
    // Prepare: a spot job (MaxWaitTimeInSeconds 7200) started at 06:05:41 that SageMaker still calls InProgress
    const job = await startChurnTraining();
    describedJob(job, 'InProgress', {}, { SecondaryStatus: 'Training' });

    // Act
    await tick('2026-11-27T08:35:00Z'); // 149 min in: within 120 + 30
    const early = stuckAlerts().length;
    await tick('2026-11-27T08:37:00Z');
    await tick('2026-11-27T08:38:00Z');

    // Assess
    expect(early).toBe(0);
    expect(stuckAlerts().map((n) => [n.Subject, n.MessageAttributes?.severity?.StringValue])).toEqual([
      ['[Shepherd] churn: training stuck for 151 min', 'warning'],
    ]);
    expect(stuckAlerts()[0]!.Message).toContain(`training job ${job} to end (its MaxWaitTimeInSeconds 7200 has passed`);
    expect((await timeline('churn')).filter((e) => e.type === 'TrainingStuck')).toHaveLength(1);
    expect((await trainingItem('churn'))?.inFlight).toMatchObject({ jobName: job, stuckSaid: `${job}/training` });
    expect(sagemaker.commandCalls(DescribeTrainingJobCommand).length).toBeGreaterThan(0);
  });
});

describe('reconcile: a deployment whose endpoint operation stays pending far past SageMaker’s minutes', () => {
  it('says once what it waits for, an hour after it first saw the status', async () => {
    // Prepare: v2's canary asked for at 03:05; the endpoint stays Updating
    setClock('2026-11-27T03:05:00Z');
    describedPackage(2);
    endpointServes(OLD_CONFIG, { v1: 100 });
    await modelPackageStateChanged(approval(2), context('modelPackageStateChanged'));
    neoBuilding();
    sagemaker.on(DescribeEndpointCommand).resolves({ EndpointName: 'churn-prod', EndpointStatus: 'Updating' });

    // Act
    await tick('2026-11-27T03:06:00Z'); // first seen
    await tick('2026-11-27T04:06:00Z');
    const early = stuckAlerts().length;
    await tick('2026-11-27T04:07:00Z');
    await tick('2026-11-27T04:30:00Z');

    // Assess
    expect(early).toBe(0);
    expect(stuckAlerts().map((n) => n.Subject)).toEqual([
      '[Shepherd] churn: deployment on churn-prod stuck in starting',
    ]);
    expect(stuckAlerts()[0]!.Message).toContain('waits for UpdateEndpoint: the canary config churn-prod-');
    const item = await deploymentItem();
    expect(item?.active?.status).toBe('starting');
    expect(item?.watch).toMatchObject({ status: 'starting', since: '2026-11-27T03:06:00.000Z', said: true });
    expect((await timeline('churn')).filter((e) => e.type === 'DeploymentStuck')).toHaveLength(1);
  });
});
