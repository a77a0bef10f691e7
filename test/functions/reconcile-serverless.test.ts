// A serverless line through the handlers: the model replaced at once by UpdateEndpoint, judged every minute on the
// baseline's minutes before the switch against the candidate's since; the baseline config back at once on a fail.
import '../helpers/serverless-hosting';
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateEndpointConfigCommand,
  CreateModelCommand,
  UpdateEndpointCommand,
  UpdateEndpointWeightsAndCapacitiesCommand,
  UpdateModelPackageCommand,
} from '@aws-sdk/client-sagemaker';
import { handler as endpointStateChanged } from '../../functions/endpoint-state-changed';
import { handler as modelPackageStateChanged } from '../../functions/model-package-state-changed';
import { notificationsSent, published, resetAws, sagemaker } from '../helpers/aws';
import { approval, neoBuilding, tick } from '../helpers/canary';
import { createTable, deploymentItem } from '../helpers/dynamo';
import { context, fixture, setClock } from '../helpers/events';
import {
  OLD_CONFIG,
  OLD_MODEL,
  abortAlarmIs,
  abortAlarmReads,
  autoscaling,
  cloudwatch,
  describedPackage,
  packageArn,
  resetHosting,
} from '../helpers/hosting';
import { serverlessEndpointServes, variantsServed } from '../helpers/serverless-hosting';
import { freshWorld } from '../helpers/function-world';

interface Replacement {
  config: string;
  model: string;
}

const inService = (id: string, config: string) =>
  fixture('endpoint-state-change.in-service', { id, detail: { EndpointConfigName: config } });
/** The adapter's three queries of one variant, as [Id, namespace, metric, stat, period, dimensions]. */
const queriesOf = (variant: string) => {
  const dims = [
    { Name: 'EndpointName', Value: 'churn-prod' },
    { Name: 'VariantName', Value: variant },
  ];
  return [
    ['inv0', 'AWS/SageMaker', 'Invocations', 'Sum', 60, dims],
    ['err0', 'AWS/SageMaker', 'Invocation5XXErrors', 'Sum', 60, dims],
    ['lat0', 'AWS/SageMaker', 'ModelLatency', 'Average', 60, dims],
  ];
};

/** v2 asked for in v1's place by the approval handler; the mocks' history is cleared afterwards. */
async function replacing(): Promise<Replacement> {
  setClock('2026-11-27T03:05:00Z');
  describedPackage(2);
  serverlessEndpointServes(OLD_CONFIG, 'v1', OLD_MODEL);
  await modelPackageStateChanged(approval(2), context('modelPackageStateChanged'));
  const request = sagemaker.commandCalls(CreateEndpointConfigCommand)[0]!.args[0].input;
  const replacement = { config: request.EndpointConfigName!, model: request.ProductionVariants![0]!.ModelName! };
  resetAws();
  autoscaling.resetHistory();
  neoBuilding();
  return replacement;
}

/** v2 alone in service since 03:13:45 (its bake due 03:28:45), the mocks' history cleared. */
async function baking(): Promise<Replacement> {
  const replacement = await replacing();
  setClock('2026-11-27T03:13:45Z');
  serverlessEndpointServes(replacement.config, 'v2', replacement.model);
  await endpointStateChanged(inService('switched', replacement.config), context('endpointStateChanged'));
  if ((await deploymentItem())?.active?.status !== 'baking') throw new Error('the replacement is not baking');
  resetAws();
  neoBuilding();
  cloudwatch.resetHistory();
  serverlessEndpointServes(replacement.config, 'v2', replacement.model);
  return replacement;
}

/** The GetMetricData calls, in order: their span and queries. */
const queried = () =>
  cloudwatch.commandCalls(GetMetricDataCommand).map((c) => {
    const { StartTime, EndTime, MetricDataQueries } = c.args[0].input;
    const queries = MetricDataQueries!.map((q) => {
      const { Metric, Stat, Period } = q.MetricStat!;
      return [q.Id, Metric!.Namespace, Metric!.MetricName, Stat, Period, Metric!.Dimensions];
    });
    return { StartTime, EndTime, queries };
  });

beforeAll(createTable);
beforeEach(() => freshWorld({ alsoReset: [resetHosting] }));

describe('modelPackageStateChanged on a serverless line', () => {
  it('replaces the serving model at once: a config of the candidate alone, then UpdateEndpoint to it', async () => {
    // Prepare
    setClock('2026-11-27T03:05:00Z');
    describedPackage(2);
    serverlessEndpointServes(OLD_CONFIG, 'v1', OLD_MODEL);

    // Act
    await modelPackageStateChanged(approval(2), context('modelPackageStateChanged'));

    // Assess
    const [model] = sagemaker.commandCalls(CreateModelCommand).map((c) => c.args[0].input.ModelName);
    const [config] = sagemaker.commandCalls(CreateEndpointConfigCommand).map((c) => c.args[0].input);
    expect(config).toEqual({
      EndpointConfigName: expect.stringMatching(/^churn-prod-[0-9a-f]{6}-final$/),
      ProductionVariants: [
        {
          VariantName: 'v2',
          ModelName: model,
          InitialVariantWeight: 100,
          ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 },
        },
      ],
      Tags: [
        { Key: 'shepherd:model', Value: 'churn' },
        { Key: 'shepherd:modelPackageVersion', Value: '2' },
      ],
    });
    expect(sagemaker.commandCalls(UpdateEndpointCommand).map((c) => c.args[0].input)).toEqual([
      { EndpointName: 'churn-prod', EndpointConfigName: config!.EndpointConfigName },
    ]);
    // A serverless variant scales no instance count: nothing is looked up to carry over.
    expect(autoscaling.calls()).toEqual([]);
    const started = published().map((e) => [e.detailType, e.detail.kind, e.detail.baselineVariant, e.detail.weight]);
    expect(started).toEqual([['Deployment Started', 'replace', 'v1', 100]]);
    expect((await deploymentItem())?.active).toMatchObject({ kind: 'replace', status: 'replacing' });
  });
});

describe('reconcile: a replacement looked at every minute of its bake', () => {
  it('reads the baseline over the bake before the switch, the candidate since; no harm shown, no write', async () => {
    // Prepare
    await baking();
    variantsServed({ v1: { requests: 1_000, errors: 10 }, v2: { requests: 1_000, errors: 10 } });

    // Act
    await tick('2026-11-27T03:20:10Z');

    // Assess
    const at = (time: string) => new Date(`2026-11-27T${time}Z`);
    expect(queried()).toEqual([
      { StartTime: at('02:58:00'), EndTime: at('03:13:00'), queries: queriesOf('v1') },
      { StartTime: at('03:13:00'), EndTime: at('03:20:00'), queries: queriesOf('v2') },
    ]);
    // The abort alarms once; the drift alarms' read is the reconciler's look for a lost change.
    expect(abortAlarmReads()).toHaveLength(1);
    expect(sagemaker.commandCalls(UpdateEndpointCommand)).toEqual([]);
    expect((await deploymentItem())?.active).toMatchObject({ status: 'baking', judgements: [] });
  });

  it(
    'bakes from the switch when its IN_SERVICE event was lost: the baseline is read over the bake before the ' +
      'switch, not over minutes the candidate served',
    async () => {
      // Prepare: v2 alone in service since 03:13:45; its event lost, a tick looks the endpoint up at 03:21:10
      const { config, model } = await replacing();
      const at = (time: string) => new Date(`2026-11-27T${time}Z`);
      serverlessEndpointServes(config, 'v2', model, at('03:13:45'));
      await tick('2026-11-27T03:21:10Z');
      variantsServed({ v1: { requests: 1_000, errors: 10 }, v2: { requests: 1_000, errors: 10 } });
      cloudwatch.resetHistory();

      // Act
      await tick('2026-11-27T03:22:10Z');

      // Assess
      expect((await deploymentItem())?.active).toMatchObject({
        status: 'baking',
        bakeStartedAt: '2026-11-27T03:13:45.000Z',
        nextActionAt: '2026-11-27T03:28:45.000Z',
      });
      expect(queried().map((q) => [q.StartTime, q.EndTime])).toEqual([
        [at('02:58:00'), at('03:13:00')],
        [at('03:13:00'), at('03:22:00')],
      ]);
    },
  );

  it('keeps the bake the reconciler started when the lost IN_SERVICE event arrives late, or twice', async () => {
    // Prepare: the tick at 03:21:10 started the bake from the switch at 03:13:45; the endpoint changed again since
    const { config, model } = await replacing();
    const at = (time: string) => new Date(`2026-11-27T${time}Z`);
    serverlessEndpointServes(config, 'v2', model, at('03:13:45'));
    await tick('2026-11-27T03:21:10Z');
    const before = await deploymentItem();
    serverlessEndpointServes(config, 'v2', model, at('03:22:30'));
    setClock('2026-11-27T03:23:00Z');

    // Act
    const late = await endpointStateChanged(inService('switched', config), context('endpointStateChanged'));
    const again = await endpointStateChanged(inService('switched-again', config), context('endpointStateChanged'));

    // Assess
    expect([late, again]).toEqual([
      { status: 'done', model: 'churn', outcome: 'endpoint change needs no action' },
      { status: 'done', model: 'churn', outcome: 'endpoint change needs no action' },
    ]);
    const after = await deploymentItem();
    expect(after?.version).toBe(before?.version);
    expect(after?.active).toMatchObject({ bakeStartedAt: '2026-11-27T03:13:45.000Z' });
    expect(sagemaker.commandCalls(UpdateEndpointCommand)).toEqual([]);
    expect(notificationsSent()).toEqual([]);
  });

  it('fails a candidate at 20 % errors at its first look, asking for the baseline config in that tick', async () => {
    // Prepare
    await baking();
    variantsServed({ v1: { requests: 1_000, errors: 10 }, v2: { requests: 1_000, errors: 200 } });

    // Act
    await tick('2026-11-27T03:14:10Z');

    // Assess
    expect(sagemaker.commandCalls(UpdateEndpointCommand).map((c) => c.args[0].input)).toEqual([
      { EndpointName: 'churn-prod', EndpointConfigName: OLD_CONFIG },
    ]);
    expect(sagemaker.commandCalls(UpdateEndpointWeightsAndCapacitiesCommand)).toEqual([]);
    const active = (await deploymentItem())?.active;
    const judgements = [expect.objectContaining({ outcome: 'fail' })];
    expect(active).toMatchObject({ status: 'rolling_back', expectConfig: OLD_CONFIG, judgements });
    expect(active?.reason).toMatch(/^the judge failed the candidate against v1 before the switch: .*at look 1\)/);
    expect(published()).toEqual([]);
  });

  it('reads an abort alarm in ALARM at a tick and asks for the baseline config at once, judging nothing', async () => {
    // Prepare
    await baking();
    abortAlarmIs('ALARM');

    // Act
    await tick('2026-11-27T03:16:10Z');

    // Assess
    expect(sagemaker.commandCalls(UpdateEndpointCommand).map((c) => c.args[0].input)).toEqual([
      { EndpointName: 'churn-prod', EndpointConfigName: OLD_CONFIG },
    ]);
    expect(cloudwatch.commandCalls(GetMetricDataCommand)).toEqual([]);
    const reason = 'abort alarm churn-prod-latency-p99 is in ALARM at 100 %';
    expect((await deploymentItem())?.active).toMatchObject({ status: 'rolling_back', reason });
  });

  it('rejects the package once the endpoint serves the baseline config again, and says so everywhere', async () => {
    // Prepare
    await baking();
    variantsServed({ v1: { requests: 1_000, errors: 10 }, v2: { requests: 1_000, errors: 200 } });
    await tick('2026-11-27T03:14:10Z');
    resetAws();
    neoBuilding();
    setClock('2026-11-27T03:20:00Z');
    serverlessEndpointServes(OLD_CONFIG, 'v1', OLD_MODEL);
    sagemaker.on(UpdateModelPackageCommand).resolves({ ModelPackageArn: packageArn(2) });

    // Act
    await endpointStateChanged(inService('restored', OLD_CONFIG), context('endpointStateChanged'));

    // Assess
    expect(sagemaker.commandCalls(UpdateModelPackageCommand).map((c) => c.args[0].input)).toEqual([
      {
        ModelPackageArn: packageArn(2),
        ModelApprovalStatus: 'Rejected',
        ApprovalDescription: expect.stringMatching(/^rolled back from churn-prod: the judge failed the candidate/),
      },
    ]);
    const detail = expect.objectContaining({ outcome: 'rolled_back', servingVariant: 'v1', judgements: 1 });
    expect(published()).toEqual([expect.objectContaining({ detailType: 'Deployment Rolled Back', detail })]);
    const subjects = notificationsSent().map((n) => n.Subject);
    expect(subjects).toEqual(['[Shepherd] churn: deployment on churn-prod rolled back']);
    const history = (await deploymentItem())?.history;
    expect(history).toEqual([expect.objectContaining({ modelPackageArn: packageArn(2), outcome: 'rolled_back' })]);
  });

  it('promotes a healthy candidate after its bake as it serves: no endpoint call, an event, a report', async () => {
    // Prepare
    await baking();
    variantsServed({ v1: { requests: 1_000, errors: 10 }, v2: { requests: 1_000, errors: 10 } });

    // Act
    await tick('2026-11-27T03:29:45Z');

    // Assess
    expect(queried().map((q) => [q.StartTime, q.EndTime])).toEqual([
      [new Date('2026-11-27T02:58:00Z'), new Date('2026-11-27T03:13:00Z')],
      [new Date('2026-11-27T03:13:00Z'), new Date('2026-11-27T03:29:00Z')],
    ]);
    expect(sagemaker.commandCalls(UpdateEndpointCommand)).toEqual([]);
    expect(sagemaker.commandCalls(CreateEndpointConfigCommand)).toEqual([]);
    expect(autoscaling.calls()).toEqual([]);
    const detail = expect.objectContaining({ outcome: 'promoted', servingVariant: 'v2' });
    expect(published()).toEqual([expect.objectContaining({ detailType: 'Deployment Promoted', detail })]);
    expect(notificationsSent().map((n) => n.Subject)).toEqual(['[Shepherd] churn: churn-prod now serves v2']);
    const item = await deploymentItem();
    expect(item?.active).toBeUndefined();
    const reason = 'passed 1 judgement(s) against v1 before the switch';
    expect(item?.history).toEqual([expect.objectContaining({ outcome: 'promoted', reason })]);
  });
});
