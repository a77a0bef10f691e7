// Plays a scenario on the local cloud: performs its steps on the virtual clock, answers approvals, and
// ends once every expectation holds and the functions are idle (or the scenario's timeout passed).
import { createHash } from 'node:crypto';
import { type ApproverOptions, answerApprovals } from './approvals';
import { scheduleRejection } from './rejections';
import { startCloud, type Cloud, type CloudOptions } from './cloud';
import { envelope, ACCOUNT } from './core';
import { type Check, checkExpectations } from './expectations';
import { summarize, type Summary } from './summary';
import type { Scenario } from './scenario';

export interface RunOptions extends Omit<CloudOptions, 'scenario'>, ApproverOptions {}

export interface RunResult {
  ok: boolean;
  summary: Summary;
  checks: Check[];
  cloud: Cloud;
}

// After the expectations hold, a little more virtual time lets late duplicates show any second side effect.
const SETTLE_MS = 10 * 60_000;

export async function runScenario(scenario: Scenario, opts: RunOptions = {}): Promise<RunResult> {
  const cloud = await startCloud({ ...opts, scenario, paused: true });
  const { clock, timeline, eventbridge, cloudwatch } = cloud;
  let stepsDone = 0;
  timeline.log('scenario', `${scenario.name}: ${scenario.description}`.trim());

  const deadline = new Date(clock.start.getTime() + scenario.timeout);
  for (const step of scenario.steps) {
    cloud.clock.after(step.at, () => {
      if (step.note) timeline.log('scenario', step.note);
      if (step.alarm) cloudwatch.setAlarmState(step.alarm.name, step.alarm.state, step.alarm.reason);
      if (step.reject) scheduleRejection(cloud, step.reject, deadline);
      if (step.autoscale)
        autoscale(cloud, step.autoscale, deadline).catch((err: Error) =>
          timeline.log('scenario', `adding autoscaling failed: ${err.message}`),
        );
      const upload = step.upload;
      if (!upload) return void stepsDone++;
      for (let i = 0; i < upload.count; i++) {
        clock.after(i * upload.every, () => {
          const day = clock.now().toISOString().slice(0, 10);
          const key = `${upload.prefix}${day}/part-${String(i + 1).padStart(4, '0')}.csv`;
          const etag = createHash('md5').update(key).digest('hex');
          // Stored as well as announced: a lost event leaves the object for the reconciler's listing.
          cloud.s3.upload(upload.bucket, key, upload.size, etag);
          const detail = {
            version: '0',
            bucket: { name: upload.bucket },
            object: {
              key,
              size: upload.size,
              etag,
              sequencer: clock.now().getTime().toString(16).toUpperCase().padStart(18, '0'),
            },
            'request-id': `LOCAL${i}`,
            requester: ACCOUNT,
            reason: 'PutObject',
          };
          timeline.log(
            's3',
            `PutObject s3://${upload.bucket}/${key} (${upload.size} bytes)` +
              (i < upload.duplicates ? ', reported twice' : ''),
          );
          const copies = i < upload.duplicates ? 2 : 1;
          for (let c = 0; c < copies; c++)
            eventbridge.put(
              envelope('aws.s3', 'Object Created', detail, [`arn:aws:s3:::${upload.bucket}`], clock.now()),
            );
          if (i === upload.count - 1) stepsDone++;
        });
      }
    });
  }

  const approver = answerApprovals(cloud, scenario, opts);
  // Everything of the scenario is armed: its time may run.
  cloud.resume();

  let metAt: Date | undefined;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (approver.failure()) throw approver.failure();
    const checks = checkExpectations(scenario, cloud);
    const now = clock.now();
    const met = stepsDone === scenario.steps.length && checks.every((c) => c.ok);
    metAt = met ? (metAt ?? now) : undefined;
    // Ends between invocations: a function still running or waiting to be retried may yet do something.
    if ((metAt && now.getTime() - metAt.getTime() >= SETTLE_MS && !cloud.lambda.busy) || now > deadline) break;
  }
  eventbridge.stop();
  const checks = checkExpectations(scenario, cloud);
  const ok = checks.every((c) => c.ok);
  return { ok, checks, summary: summarize(cloud, checks), cloud };
}

/** Once the variant serves (a platform team scales what exists), register its target-tracking autoscaling. */
async function autoscale(
  cloud: Cloud,
  a: { endpoint: string; variant: string; min: number; max: number; invocationsPerInstance: number },
  deadline: Date,
): Promise<void> {
  const serving = () =>
    cloud.sagemaker
      .endpoints()
      .some(
        (e) => e.name === a.endpoint && e.status === 'InService' && e.variants.some((v) => v.variantName === a.variant),
      );
  while (!serving()) {
    if (cloud.clock.now() > deadline)
      return cloud.timeline.log('scenario', `autoscaling not added: ${a.endpoint}/${a.variant} never served`);
    await cloud.clock.sleep(60_000);
  }
  const target = {
    ServiceNamespace: 'sagemaker',
    ResourceId: `endpoint/${a.endpoint}/variant/${a.variant}`,
    ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
  };
  await cloud.autoscaling.handle('RegisterScalableTarget', { ...target, MinCapacity: a.min, MaxCapacity: a.max });
  await cloud.autoscaling.handle('PutScalingPolicy', {
    ...target,
    PolicyName: 'invocations-per-instance',
    PolicyType: 'TargetTrackingScaling',
    TargetTrackingScalingPolicyConfiguration: {
      TargetValue: a.invocationsPerInstance,
      PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
    },
  });
}
