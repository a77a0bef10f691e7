import {
  DeleteEndpointCommand,
  ListNotebookInstancesCommand,
  ListTagsCommand,
  StopNotebookInstanceCommand,
} from '@aws-sdk/client-sagemaker';
import { sagemaker } from '../helpers/aws';
import { costService, mockAccount, resetCostAccount } from '../helpers/cost';
import { createTable } from '../helpers/dynamo';

beforeAll(createTable);
beforeEach(resetCostAccount);

const NOW = new Date('2026-11-30T06:00:00Z');
const NOTEBOOK_ARN = 'arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/lab';

describe('cost sweep of resources of different kinds that share a name', () => {
  it('judges an endpoint and a notebook both named lab each by its own tags', async () => {
    // Prepare: the endpoint opted in to deletion, the notebook to being stopped
    mockAccount([
      {
        name: 'lab',
        tags: { 'shepherd:cost-action': 'delete' },
        variants: [{ name: 'v1', count: 2, invocations: 0, cpu: 1, memory: 5 }],
      },
    ]);
    sagemaker.on(ListNotebookInstancesCommand).resolves({
      NotebookInstances: [
        {
          NotebookInstanceName: 'lab',
          NotebookInstanceArn: NOTEBOOK_ARN,
          NotebookInstanceStatus: 'InService',
          InstanceType: 'ml.t3.medium',
          CreationTime: new Date('2026-11-01T00:00:00Z'),
          LastModifiedTime: new Date('2026-11-28T00:00:00Z'),
        },
      ],
    });
    sagemaker
      .on(ListTagsCommand, { ResourceArn: NOTEBOOK_ARN })
      .resolves({ Tags: [{ Key: 'shepherd:cost-action', Value: 'stop' }] });
    sagemaker.on(DeleteEndpointCommand).resolves({});
    sagemaker.on(StopNotebookInstanceCommand).resolves({});

    // Act
    const result = await costService({ enforcement: { enabled: true, maxActionsPerRun: 5 } }, () => NOW).runSweep({
      enforce: true,
    });

    // Assess
    expect(sagemaker.commandCalls(DeleteEndpointCommand).map((c) => c.args[0].input.EndpointName)).toEqual(['lab']);
    expect(sagemaker.commandCalls(StopNotebookInstanceCommand).map((c) => c.args[0].input)).toEqual([
      { NotebookInstanceName: 'lab' },
    ]);
    const outcomes = result.findings.filter((f) => f.action !== 'report').map((f) => `${f.kind} ${f.outcome}`);
    expect(outcomes.sort()).toEqual(['idle-endpoint delete', 'notebook stop']);
  });
});
