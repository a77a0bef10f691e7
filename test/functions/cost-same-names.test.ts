import {
  DeleteEndpointCommand,
  DeleteModelCommand,
  ListModelsCommand,
  ListNotebookInstancesCommand,
  ListTagsCommand,
  StopNotebookInstanceCommand,
} from '@aws-sdk/client-sagemaker';
import { sagemaker } from '../helpers/aws';
import { costService, mockAccount, resetCostAccount } from '../helpers/cost';
import { createTable, timeline } from '../helpers/dynamo';

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
      notify: true,
    });

    // Assess
    expect(sagemaker.commandCalls(DeleteEndpointCommand).map((c) => c.args[0].input.EndpointName)).toEqual(['lab']);
    expect(sagemaker.commandCalls(StopNotebookInstanceCommand).map((c) => c.args[0].input)).toEqual([
      { NotebookInstanceName: 'lab' },
    ]);
    const outcomes = result.findings.filter((f) => f.action !== 'report').map((f) => `${f.kind} ${f.outcome}`);
    expect(outcomes.sort()).toEqual(['idle-endpoint delete', 'notebook stop']);
  });

  it('writes each kind’s action to the timeline on its own when an endpoint and a model share a name', async () => {
    // Prepare: an idle endpoint churn-old and an unused model of Shepherd's named churn-old, both opted in to deletion
    mockAccount([
      {
        name: 'churn-old',
        tags: { 'shepherd:cost-action': 'delete' },
        variants: [{ name: 'v1', count: 2, invocations: 0, cpu: 1, memory: 5 }],
      },
    ]);
    sagemaker.on(ListModelsCommand).resolves({
      Models: [{ ModelName: 'churn-old', ModelArn: 'arn:model/churn-old', CreationTime: new Date('2026-11-01') }],
    });
    sagemaker.on(ListTagsCommand, { ResourceArn: 'arn:model/churn-old' }).resolves({
      Tags: [
        { Key: 'shepherd:model', Value: 'churn' },
        { Key: 'shepherd:cost-action', Value: 'delete' },
      ],
    });
    sagemaker.on(DeleteEndpointCommand).resolves({});
    sagemaker.on(DeleteModelCommand).resolves({});

    // Act
    await costService({ enforcement: { enabled: true, maxActionsPerRun: 5 } }, () => NOW).runSweep({
      enforce: true,
      notify: true,
    });

    // Assess
    expect(sagemaker.commandCalls(DeleteModelCommand).map((c) => c.args[0].input.ModelName)).toEqual(['churn-old']);
    const deletes = (await timeline('cost-sweep')).filter((e) => e.type === 'cost-delete').map((e) => e.message);
    expect(deletes.sort()).toEqual([
      'cost sweep: delete endpoint churn-old (no invocations on any of its 1 variant(s) in 7 days)',
      'cost sweep: delete model churn-old (model created by Shepherd for churn on 2026-11-01; no endpoint uses it)',
    ]);
  });
});
