import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  DeleteEndpointCommand,
  DeleteModelCommand,
  DescribeEndpointConfigCommand,
  ListModelsCommand,
  ListTagsCommand,
  SearchCommand,
} from '@aws-sdk/client-sagemaker';
import { notificationsSent, sagemaker } from '../helpers/aws';
import { costService, mockAccount, type MockEndpoint, resetCostAccount, searchRecord } from '../helpers/cost';
import { createTable, timeline } from '../helpers/dynamo';

beforeAll(createTable);
beforeEach(resetCostAccount);

const NOW = new Date('2026-11-30T06:00:00Z');
const idle = (name: string, tags: Record<string, string>, count = 2): MockEndpoint => ({
  name,
  tags,
  variants: [{ name: 'v1', count, invocations: 0, cpu: 1, memory: 5 }],
});

const service = (enforcement: { enabled: boolean; maxActionsPerRun: number }, chat = false) =>
  costService({ enforcement }, () => NOW, chat);
/** The model mockAccount's endpoint config names, made by Shepherd long ago and tagged for deletion. */
function oldModelTaggedForDeletion(): void {
  sagemaker.on(ListModelsCommand).resolves({
    Models: [{ ModelName: 'churn-prod-model', ModelArn: 'arn:model/churn-prod-model', CreationTime: new Date(0) }],
  });
  sagemaker.on(ListTagsCommand).resolves({
    Tags: [
      { Key: 'shepherd:model', Value: 'churn' },
      { Key: 'shepherd:cost-action', Value: 'delete' },
    ],
  });
  sagemaker.on(DeleteModelCommand).resolves({});
}
const deleted = () => sagemaker.commandCalls(DeleteEndpointCommand).map((c) => c.args[0].input.EndpointName);

describe('cost enforcement', () => {
  it('deletes only opted-in, unprotected endpoints, the largest saving first, within the cap', async () => {
    // Prepare
    mockAccount([
      idle('opted-small', { 'shepherd:cost-action': 'delete' }, 1),
      idle('opted-big', { 'shepherd:cost-action': 'delete' }, 4),
      idle('opted-mid', { 'shepherd:cost-action': 'delete' }, 2),
      idle('protected', { 'shepherd:cost-action': 'delete', 'shepherd:protect': 'true' }, 8),
      idle('wrong-action', { 'shepherd:cost-action': 'stop' }, 8),
      idle('not-opted', {}, 8),
    ]);
    sagemaker.on(DeleteEndpointCommand).resolves({});

    // Act
    const result = await service({ enabled: true, maxActionsPerRun: 2 }).runSweep({ enforce: true, notify: true });

    // Assess
    expect(deleted()).toEqual(['opted-big', 'opted-mid']);
    const outcome = Object.fromEntries(
      result.findings.filter((f) => f.kind === 'idle-endpoint').map((f) => [f.resource, f.outcome]),
    );
    expect(outcome).toEqual({
      'opted-big': 'delete',
      'opted-mid': 'delete',
      'opted-small': "the run's cap of 2 action(s) is reached",
      protected: 'tagged shepherd:protect',
      'wrong-action': 'not tagged shepherd:cost-action=delete',
      'not-opted': 'not tagged shepherd:cost-action=delete',
    });
    expect((await timeline('cost-sweep')).map((t) => t.type).sort()).toEqual([
      'cost-delete',
      'cost-delete',
      'cost-sweep',
    ]);
  });

  it('never calls the model of an endpoint that is updating a leftover, nor deletes it', async () => {
    // Prepare: the endpoint serves churn-prod-model (mockAccount's config) while its weights change
    const endpoint: MockEndpoint = { name: 'churn-prod', variants: [{ name: 'v1', invocations: 900, cpu: 40 }] };
    mockAccount([endpoint]);
    const record = searchRecord(endpoint);
    sagemaker.on(SearchCommand).resolves({
      Results: [{ Endpoint: { ...record.Endpoint, EndpointStatus: 'Updating' } }],
    });
    oldModelTaggedForDeletion();

    // Act
    const result = await service({ enabled: true, maxActionsPerRun: 5 }).runSweep({ enforce: true, notify: true });

    // Assess
    expect(sagemaker.commandCalls(DeleteModelCommand).map((c) => c.args[0].input.ModelName)).toEqual([]);
    expect(result.findings.filter((f) => f.kind === 'leftover')).toEqual([]);
  });

  it('deletes no model while an endpoint config that may name it could not be read', async () => {
    // Prepare
    mockAccount([{ name: 'churn-prod', variants: [{ name: 'v1', invocations: 900, cpu: 40 }] }]);
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    sagemaker.on(DescribeEndpointConfigCommand).rejects(throttled);
    oldModelTaggedForDeletion();

    // Act
    const result = await service({ enabled: true, maxActionsPerRun: 5 }).runSweep({ enforce: true, notify: true });

    // Assess
    expect(sagemaker.commandCalls(DeleteModelCommand).map((c) => c.args[0].input.ModelName)).toEqual([]);
    expect(result.failures).toEqual([
      { resource: 'churn-prod', error: 'endpoint config: ThrottlingException: Rate exceeded' },
    ]);
  });

  it('acts on nothing in a dry run, even where config and tags allow it', async () => {
    // Prepare
    mockAccount([idle('opted', { 'shepherd:cost-action': 'delete' })]);

    // Act
    const result = await service({ enabled: true, maxActionsPerRun: 5 }).runSweep({ enforce: false, notify: true });

    // Assess
    expect(deleted()).toEqual([]);
    expect(result.findings[0]).toMatchObject({ resource: 'opted', outcome: 'enforcement is off' });
  });

  it('restores a deleted endpoint from its snapshot: its config if gone, then the endpoint with its tags', async () => {
    // Prepare
    mockAccount([idle('gone', { 'shepherd:cost-action': 'delete', team: 'ml' })]);
    sagemaker.on(DeleteEndpointCommand).resolves({});
    const sweeps = service({ enabled: true, maxActionsPerRun: 5 });
    await sweeps.runSweep({ enforce: true, notify: true });
    sagemaker
      .on(DescribeEndpointConfigCommand)
      .rejects(Object.assign(new Error('Could not find endpoint configuration "x".'), { name: 'ValidationException' }));
    sagemaker.on(CreateEndpointConfigCommand).resolves({});
    sagemaker.on(CreateEndpointCommand).resolves({});

    // Act
    const restored = await sweeps.restoreEndpoint('gone');

    // Assess
    expect(restored).toMatchObject({ outcome: 'done', endpointName: 'gone', endpointConfigName: 'gone-config' });
    expect(sagemaker.commandCalls(CreateEndpointConfigCommand)[0]!.args[0].input).toMatchObject({
      EndpointConfigName: 'gone-config',
      ProductionVariants: [{ VariantName: 'v1', InstanceType: 'ml.m5.xlarge', InitialInstanceCount: 2 }],
    });
    expect(sagemaker.commandCalls(CreateEndpointCommand)[0]!.args[0].input).toEqual({
      EndpointName: 'gone',
      EndpointConfigName: 'gone-config',
      Tags: [
        { Key: 'shepherd:cost-action', Value: 'delete' },
        { Key: 'team', Value: 'ml' },
        { Key: 'shepherd:restored-at', Value: NOW.toISOString() },
      ],
    });
  });

  it('refuses to restore an endpoint no sweep deleted, and creates nothing', async () => {
    // Act
    const restore = await service({ enabled: true, maxActionsPerRun: 5 }).restoreEndpoint('never-deleted');

    // Assess
    expect(restore).toEqual({
      outcome: 'refused',
      message: 'no snapshot of endpoint never-deleted: no cost sweep deleted an endpoint of that name',
    });
    expect(sagemaker.commandCalls(CreateEndpointCommand)).toHaveLength(0);
  });

  it('publishes the chat card as bare Chatbot JSON on the chat topic when one is configured', async () => {
    // Prepare
    mockAccount([idle('idle', {})]);

    // Act
    await service({ enabled: false, maxActionsPerRun: 5 }, true).runSweep({ enforce: false, notify: true });

    // Assess
    const chat = notificationsSent();
    const card = JSON.parse(chat.find((c) => c.TopicArn!.endsWith('-chat'))!.Message!);
    expect(card).toMatchObject({ version: '1.0', source: 'custom', content: { textType: 'client-markdown' } });
    expect(card.content.description).toMatch(/\*idle-endpoint\* `idle`: \$335\.80\/month/);
    expect(card.content.nextSteps).toEqual([
      '`npx shepherd --stage test --region us-east-1 sweep` prints the full report; ' +
        '`npx shepherd --stage test --region us-east-1 restore <endpoint>` undoes a deletion',
    ]);
  });

  it('names the local cloud in the chat card’s commands when the sweep runs there', async () => {
    // Prepare
    mockAccount([idle('idle', {})]);

    // Act
    await costService({}, () => NOW, true, 'us-east-1', { local: true }).runSweep({ enforce: false, notify: true });

    // Assess
    const card = JSON.parse(notificationsSent().find((c) => c.TopicArn!.endsWith('-chat'))!.Message!);
    expect(card.content.nextSteps).toEqual([
      '`npx shepherd --local sweep` prints the full report; ' +
        '`npx shepherd --local restore <endpoint>` undoes a deletion',
    ]);
  });
});
