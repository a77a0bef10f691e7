// The emulated AWS services of the local cloud, wired to each other as their AWS counterparts consult each other,
// and the world the scenario sets up in them (alarms, the account's existing resources). local/cloud.ts boots them.
import { startApprovalPages } from '../approval-pages';
import { AutoScalingEmulator } from '../autoscaling';
import type { Clock } from '../clock';
import { CloudWatchEmulator } from '../cloudwatch';
import { seedCostWorld } from '../cost-world';
import type { Timeline } from '../core';
import type { EventBridgeEmulator } from '../eventbridge/bus';
import type { LambdaRuntime } from '../lambda';
import { S3Emulator } from '../s3';
import type { SageMakerEmulator } from '../sagemaker';
import type { Scenario } from '../scenario';
import { SecretsManagerEmulator } from '../secrets';
import { SnsEmulator } from '../sns';
import { SsmEmulator } from '../ssm';
import { TrafficGenerator } from '../traffic';
import { scriptedSageMaker } from './scripted-sagemaker';
import { CHAT_TOPIC_ARN, SIGNING_SECRET, TOPIC_ARN } from './stack';

/** What of the cloud's options shapes the services (CloudOptions in local/cloud.ts). */
interface ServiceOptions {
  scenario: Scenario;
  outboxFile?: string;
  random?: () => number;
}

/** What the services are wired to: the virtual clock, the timeline, the functions and the event bus. */
interface Wiring {
  clock: Clock;
  timeline: Timeline;
  lambda: LambdaRuntime;
  eventbridge: EventBridgeEmulator;
}

/** The services a scenario plays on, created in the order their links need; the approval pages are already up. */
export async function emulatedServices(opts: ServiceOptions, { clock, timeline, lambda, eventbridge }: Wiring) {
  const emit = (event: Parameters<EventBridgeEmulator['put']>[0]) => eventbridge.put(event);
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
    // A step policy is triggered by the alarms whose actions name it.
    alarmActions: {
      alarmsInvoking: (arn) => cloudwatch.alarmsInvoking(arn),
      removeAlarmAction: (arn) => cloudwatch.removeAlarmAction(arn),
    },
  });
  const s3 = new S3Emulator({ timeline, clock });
  // Created before SageMaker: Model Monitor's executions publish their drift metrics into it.
  const cloudwatch = new CloudWatchEmulator({ clock, timeline, emit });
  const sagemaker: SageMakerEmulator = scriptedSageMaker(opts.scenario, {
    clock,
    emit,
    timeline,
    hasScalableTarget: (endpoint, variant) => autoscaling.hasScalableTarget(endpoint, variant),
    deregisterScalableTargets: (endpoint) => autoscaling.deregisterEndpoint(endpoint),
    cloudwatch,
    s3,
  });
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
  return { autoscaling, s3, cloudwatch, sagemaker, sns, secrets, signingSecretArn, approvalPages, ssm, traffic };
}
