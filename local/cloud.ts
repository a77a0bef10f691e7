// Boots the local cloud: emulated AWS services on 127.0.0.1, DynamoDB in dynalite, Shepherd's functions
// in-process on the accelerated clock. Only the endpoints differ from AWS.
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { useClock } from '../shared/clock';
import { stateTableDefinition } from '../shared/state/table';
import { AutoScalingEmulator } from './autoscaling';
import { cloudFormationEmulator } from './cloudformation';
import { CloudWatchEmulator } from './cloudwatch';
import { seedCostWorld } from './cost-world';
import { ACCOUNT, Clock, Faults, REGION, Timeline } from './core';
import { CrashFault, type CrashPoint } from './crash';
import { EventBridgeEmulator, type Delivery } from './eventbridge/bus';
import { startApprovalPages } from './approval-pages';
import { LambdaRuntime } from './lambda';
import { SageMakerEmulator } from './sagemaker';
import { SecretsManagerEmulator } from './secrets';
import { driftAt, type Scenario } from './scenario';
import { startLocalServer } from './server';
import { S3Emulator } from './s3';
import { SnsEmulator } from './sns';
import { ShepherdTimelineTap } from './shepherd-timeline';
import { SsmEmulator } from './ssm';
import { stsEmulator } from './sts';
import { TrafficGenerator } from './traffic';
import { eventRules, functionDefs, packagedTemplate, ROOT } from './template';

export interface CloudOptions {
  scenario: Scenario;
  speed?: number;
  print?: boolean;
  /** Share of calls answered with ThrottlingException, per service (`sagemaker`, `cloudwatch`, …). */
  throttle?: Record<string, number>;
  delivery?: Delivery;
  configFile?: string;
  random?: () => number;
  /** Where every SNS message is appended as a JSON line (`npm start`: .shepherd/outbox.jsonl). */
  outboxFile?: string;
  /** The invocation that makes this call dies right after it succeeded (local/crash.ts); Lambda retries it. */
  crash?: CrashPoint;
  /** At most this many invocations of the functions run at once (default: no limit). */
  concurrency?: number;
}

const STAGE = 'local';
export const STACK_NAME = `shepherd-${STAGE}`;
export const TABLE_NAME = `shepherd-${STAGE}`;
export const BUS_NAME = `shepherd-${STAGE}`;
export const TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT}:shepherd-${STAGE}-notifications`;
export const CHAT_TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT}:shepherd-${STAGE}-chat`;
export const SIGNING_SECRET = `shepherd-${STAGE}-approval-link-key`;

export type Cloud = Awaited<ReturnType<typeof startCloud>>;

export async function startCloud(opts: CloudOptions) {
  const configFile = opts.configFile ?? join(ROOT, 'shepherd.yml');
  const template = await packagedTemplate(join(ROOT, '.local-cloud', 'package'), configFile);
  const clock = new Clock(new Date(opts.scenario.start), opts.speed ?? opts.scenario.speed);
  const timeline = new Timeline(clock, opts.print ?? true);

  const db = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => db.listen(0, '127.0.0.1', () => resolve()));
  const dynamoUrl = `http://127.0.0.1:${(db.address() as AddressInfo).port}`;

  // Always on: it also records each invocation's calls, from which the crash tests derive their crash points.
  const crash = new CrashFault({
    ...(opts.crash ? { point: opts.crash } : {}),
    now: () => clock.now(),
    log: (message) => timeline.log('crash', message),
  });
  const lambda = new LambdaRuntime({
    clock,
    timeline,
    functions: functionDefs(template),
    crash,
    ...(opts.concurrency ? { maxConcurrency: opts.concurrency } : {}),
  });
  const eventbridge = new EventBridgeEmulator({
    clock,
    timeline,
    // A rule on Shepherd's own bus names it by `Ref`, which CloudFormation resolves to the bus's name.
    rules: eventRules(template).map((rule) =>
      JSON.stringify(rule.EventBusName) === JSON.stringify({ Ref: 'ShepherdBus' })
        ? { ...rule, EventBusName: BUS_NAME }
        : rule,
    ),
    buses: ['default', BUS_NAME],
    invoke: (fn, payload) => lambda.invokeAsync(fn, payload),
    ...(opts.delivery ? { delivery: opts.delivery } : {}),
    ...(opts.random ? { random: opts.random } : {}),
  });
  const emit = (event: Parameters<EventBridgeEmulator['put']>[0]) => eventbridge.put(event);
  const jobsPerLine = new Map<string, number>();
  const runsPerPipeline = new Map<string, number>();
  const endpointOps = new Map<string, number>();
  // Each emulator asks the other: UpdateEndpoint refuses to drop a scaled variant; a target needs a real variant,
  // and a serverless one scales only its provisioned concurrency.
  const autoscaling: AutoScalingEmulator = new AutoScalingEmulator({
    clock,
    timeline,
    servedVariant: (endpoint, variant) =>
      sagemaker
        .endpoints()
        .find((e) => e.name === endpoint)
        ?.variants.find((v) => v.variantName === variant),
  });
  const s3 = new S3Emulator({ timeline, clock });
  // Created before SageMaker: Model Monitor's executions publish their drift metrics into it.
  const cloudwatch = new CloudWatchEmulator({ clock, timeline, emit });
  const sagemaker: SageMakerEmulator = new SageMakerEmulator({
    clock,
    emit,
    timeline,
    hasScalableTarget: (endpoint, variant) => autoscaling.hasScalableTarget(endpoint, variant),
    faults: opts.scenario.faults,
    monitoring: {
      putMetric: (namespace, name, dimensions, at, value) =>
        cloudwatch.putDatum(namespace, name, dimensions, at, value),
      putObject: (uri, body) => s3.put(uri, body),
      drift: (endpoint, at) => driftAt(opts.scenario, endpoint, at),
    },
    trainingPlan: ({ tags }) => {
      const model = tags['shepherd:model'] ?? '';
      const n = jobsPerLine.get(model) ?? 0;
      jobsPerLine.set(model, n + 1);
      const s = opts.scenario.trainings[model]?.[n] ?? {
        training: 10 * 60_000,
        interruptions: [],
        outcome: 'Completed' as const,
        metrics: {},
      };
      return {
        trainingMs: s.training,
        interruptions: s.interruptions.map((i) => ({ afterMs: i.after, ms: i.lasting })),
        outcome: s.outcome,
        metrics: s.metrics,
        ...(s.failureReason ? { failureReason: s.failureReason } : {}),
      };
    },
    endpointPlan: ({ endpointName, operation }) => {
      const key = `${endpointName}/${operation}`;
      const n = (endpointOps.get(key) ?? 0) + 1;
      endpointOps.set(key, n);
      const o = opts.scenario.endpointOutcomes.find(
        (x) => x.endpoint === endpointName && x.operation === operation && x.nth === n,
      );
      return o
        ? { outcome: o.outcome, ...(o.failureReason ? { failureReason: o.failureReason } : {}) }
        : { outcome: 'InService' };
    },
    pipelinePlan: ({ pipelineName }) => {
      const n = runsPerPipeline.get(pipelineName) ?? 0;
      runsPerPipeline.set(pipelineName, n + 1);
      const s = opts.scenario.pipelines[pipelineName]?.[n] ?? { duration: 15 * 60_000, outcome: 'Succeeded' as const };
      return {
        durationMs: s.duration,
        outcome: s.outcome,
        ...(s.failureReason ? { failureReason: s.failureReason } : {}),
        ...(s.registers ? { registers: s.registers } : {}),
      };
    },
  });
  for (const g of opts.scenario.setup.modelPackageGroups) sagemaker.createModelPackageGroup(g);
  for (const p of opts.scenario.setup.pipelines) sagemaker.createPipeline(p);
  const sns = new SnsEmulator({
    clock,
    timeline,
    topics: [TOPIC_ARN, CHAT_TOPIC_ARN],
    ...(opts.outboxFile ? { outboxFile: opts.outboxFile } : {}),
  });
  // The approval links' key, generated as the stack's GenerateSecretString does, and the pages on loopback.
  const secrets = new SecretsManagerEmulator({ clock });
  const signingSecretArn = secrets.generate(SIGNING_SECRET);
  const approvalPages = await startApprovalPages(lambda);
  for (const name of opts.scenario.setup.alarms) cloudwatch.defineAlarm({ name });
  seedCostWorld(opts.scenario.setup, sagemaker, cloudwatch, clock.now());
  const ssm = new SsmEmulator({ clock, timeline });
  const traffic = new TrafficGenerator({
    clock,
    cloudwatch,
    endpoints: () => sagemaker.endpoints(),
    packageOf: (model) => sagemaker.modelPackageOf(model),
    specs: opts.scenario.traffic,
    ...(opts.random ? { random: opts.random } : {}),
  });
  const calls = new Map<string, number>();
  const faults = new Faults(opts.throttle ?? {}, opts.random);
  const server = await startLocalServer({
    services: {
      sagemaker: sagemaker.handle,
      events: eventbridge.handle,
      sns: sns.handle,
      cloudwatch: cloudwatch.handle,
      ssm: ssm.handle,
      autoscaling: autoscaling.handle,
      secretsmanager: secrets.handle,
      cloudformation: cloudFormationEmulator(
        STACK_NAME,
        {
          StateTable: TABLE_NAME,
          NotificationsTopic: TOPIC_ARN,
          ChatTopic: CHAT_TOPIC_ARN,
          ApprovalKeySecret: signingSecretArn,
          ShepherdBus: BUS_NAME,
        },
        { StateTableName: TABLE_NAME, NotificationsTopicArn: TOPIC_ARN, EventBusName: BUS_NAME },
      ),
      sts: stsEmulator(),
      s3: (url) => s3.handle(url),
    },
    clock: () => ({ now: clock.now().toISOString(), speed: clock.speed }),
    faults,
    onCall: (service, operation) =>
      calls.set(`${service}:${operation}`, (calls.get(`${service}:${operation}`) ?? 0) + 1),
  });

  const client = new DynamoDBClient({
    endpoint: dynamoUrl,
    region: REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await client.send(new CreateTableCommand(stateTableDefinition(TABLE_NAME)));
  client.destroy();
  // DynamoDB is dynalite, beside the local server: its requests are counted as they reach it (`dynamodb:PutItem`…),
  // from the moment the stack's table exists.
  db.on('request', (req: { headers: Record<string, string | string[] | undefined> }) => {
    const target = req.headers['x-amz-target'];
    if (typeof target !== 'string') return;
    const key = `dynamodb:${target.slice(target.indexOf('.') + 1)}`;
    calls.set(key, (calls.get(key) ?? 0) + 1);
  });

  // What Lambda's environment would hold, pointed at the local endpoints; set before the handlers load.
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: server.url,
    AWS_ENDPOINT_URL_DYNAMODB: dynamoUrl,
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    TABLE_NAME,
    TOPIC_ARN,
    EVENT_BUS_NAME: BUS_NAME,
    APPROVAL_KEY_SECRET: signingSecretArn,
    APPROVAL_LINK_URL: approvalPages.url,
    CHAT_TOPIC_ARN,
    SHEPHERD_CONFIG: configFile,
    POWERTOOLS_LOG_LEVEL: process.env.SHEPHERD_LOG_LEVEL ?? 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  useClock(() => clock.now(), clock.speed);
  lambda.load();
  clock.restart();
  eventbridge.startSchedules();
  traffic.start();
  // CloudWatch evaluates metric alarms every minute.
  const evaluateAlarms = () => {
    cloudwatch.evaluateAll();
    clock.after(60_000, evaluateAlarms);
  };
  clock.after(60_000, evaluateAlarms);
  const tap = new ShepherdTimelineTap(dynamoUrl, TABLE_NAME, timeline);
  tap.start();

  return {
    clock,
    timeline,
    sagemaker,
    sns,
    secrets,
    cloudwatch,
    s3,
    ssm,
    /** Where approval links point: approvalLink's pages on loopback. */
    approvalUrl: approvalPages.url,
    autoscaling,
    eventbridge,
    lambda,
    crash,
    calls,
    faults,
    url: server.url,
    dynamoUrl,
    configFile,
    traffic,
    shepherdTimeline: tap,
    async stop() {
      tap.stop();
      traffic.stop();
      eventbridge.stop();
      sagemaker.stop();
      clock.stopAll();
      await server.close();
      await approvalPages.close();
      await new Promise<void>((resolve) => db.close(() => resolve()));
    },
  };
}
