// Boots the local cloud: emulated AWS services on 127.0.0.1, DynamoDB in dynalite, Shepherd's functions
// in-process on the accelerated clock. Only the endpoints differ from AWS. The parts: cloud/stack.ts (the stack's
// names, rules, outputs and the functions' environment), cloud/dynamodb.ts (dynalite), cloud/services.ts (the
// emulated services and how they consult each other), cloud/scripted-sagemaker.ts (SageMaker as the scenario
// scripts it).
import { join } from 'node:path';
import { useClock } from '../shared/clock';
import { Clock } from './clock';
import { LocalDynamo } from './cloud/dynamodb';
import { emulatedServices } from './cloud/services';
import { BUS_NAME, lambdaEnvironment, stackRules, stackService, TABLE_NAME } from './cloud/stack';
import { Faults, Timeline } from './core';
import { CrashFault, type CrashPoint } from './crash';
import { EventBridgeEmulator, type Delivery } from './eventbridge/bus';
import { LambdaRuntime } from './lambda';
import { packagedTemplate } from './packaging';
import type { Scenario } from './scenario';
import { startLocalServer } from './server';
import { ShepherdTimelineTap } from './shepherd-timeline';
import { stsEmulator } from './sts';
import { functionDefs, ROOT } from './template';

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
  /**
   * Virtual time stands at the scenario's start until `resume()`: the caller arms its steps first, so a machine
   * slow between the boot and the arming cannot make the first steps late.
   */
  paused?: boolean;
}

export type Cloud = Awaited<ReturnType<typeof startCloud>>;

export async function startCloud(opts: CloudOptions) {
  const configFile = opts.configFile ?? join(ROOT, 'shepherd.yml');
  const template = await packagedTemplate(join(ROOT, '.local-cloud', 'package'), configFile);
  const clock = new Clock(new Date(opts.scenario.start), opts.speed ?? opts.scenario.speed);
  const timeline = new Timeline(clock, opts.print ?? true);

  const dynamo = await LocalDynamo.start();
  const dynamoUrl = dynamo.url;

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
    rules: stackRules(template),
    buses: ['default', BUS_NAME],
    invoke: (fn, payload) => lambda.invokeAsync(fn, payload),
    ...(opts.delivery ? { delivery: opts.delivery } : {}),
    ...(opts.random ? { random: opts.random } : {}),
  });
  const { autoscaling, s3, cloudwatch, sagemaker, sns, secrets, signingSecretArn, approvalPages, ssm, traffic } =
    await emulatedServices(opts, { clock, timeline, lambda, eventbridge });
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
      cloudformation: stackService(signingSecretArn),
      sts: stsEmulator(),
      s3: (url) => s3.handle(url),
    },
    clock: () => ({ now: clock.now().toISOString(), speed: clock.speed }),
    faults,
    onCall: (service, operation) =>
      calls.set(`${service}:${operation}`, (calls.get(`${service}:${operation}`) ?? 0) + 1),
  });

  await dynamo.createStateTable(TABLE_NAME, calls);

  // What Lambda's environment would hold, pointed at the local endpoints; set before the handlers load.
  const environment = {
    serverUrl: server.url,
    dynamoUrl,
    signingSecretArn,
    approvalUrl: approvalPages.url,
    configFile,
  };
  Object.assign(process.env, lambdaEnvironment(environment));
  useClock(() => clock.now(), clock.speed);
  lambda.load();
  const resume = opts.paused ? clock.hold() : () => {};
  clock.restart();
  eventbridge.startSchedules();
  traffic.start();
  // CloudWatch evaluates metric alarms every minute.
  const evaluateAlarms = () => {
    cloudwatch.evaluateAll();
    clock.after(60_000, evaluateAlarms);
  };
  clock.after(60_000, evaluateAlarms);
  const tap = new ShepherdTimelineTap(dynamoUrl, TABLE_NAME, timeline, () => dynamo.writes);
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
    /** Lets virtual time run, when started `paused`. */
    resume,
    async stop() {
      tap.stop();
      traffic.stop();
      eventbridge.stop();
      sagemaker.stop();
      clock.stopAll();
      await server.close();
      await approvalPages.close();
      await dynamo.close();
    },
  };
}
