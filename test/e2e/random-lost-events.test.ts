// Issue 12, "10 % of events dropped at random": the reconciler alone completes the default lifecycle.
// Dropped: deliveries of every AWS event Shepherd consumes — SageMaker's (training, tuning, pipeline, model package
// and endpoint state changes), S3's Object Created and CloudWatch's alarm state changes — each with probability 0.1
// from a seeded generator, so a failure repeats. Each has a reconciler that asks AWS what the event would have said
// (a lost approval: shared/app/lost-approvals.ts; a lost upload or drift alarm change: shared/app/lost-triggers.ts;
// an abort alarm: the watcher's DescribeAlarms). One seed per file: a second local cloud in the same file would meet
// clients built for the first. Not dropped:
// - the scheduled ticks (`aws.events`): they are the reconciler itself, the recovery rather than an event to recover;
// - Shepherd's own bus events (an approval's links): published once, and nothing in AWS records them to re-read.
import type { AwsEvent } from '../../local/core';
import { createCalls, DEFAULT_SCENARIO_CREATES, failedChecks, playDefault, seeded } from '../helpers/e2e';

const RECOVERED = new Set(['aws.sagemaker', 'aws.s3', 'aws.cloudwatch']);
const reconciled = (event: AwsEvent) => RECOVERED.has(event.source);

const lossy = (seed: number) => {
  const random = seeded(seed);
  return (event: AwsEvent) => reconciled(event) && random() < 0.1;
};

describe('10 % of AWS events lost at random', () => {
  it('completes the default lifecycle through the reconciler', async () => {
    // Act
    const result = await playDefault({ delivery: { copies: 1, jitterMs: 0, drop: lossy(7) } });

    // Assess
    const lost = result.cloud.timeline.lines.filter((l) => l.message.startsWith('lost on the way'));
    expect(lost.length).toBeGreaterThan(0);
    // The seed drops some of each kind: uploads and alarm changes among them.
    for (const kind of ['Object Created', 'CloudWatch Alarm State Change', 'SageMaker']) {
      expect(lost.some((l) => l.message.includes(kind))).toBe(true);
    }
    expect(failedChecks(result)).toEqual([]);
    // The same outcome as without faults: nothing created twice, nothing missing.
    expect(createCalls(result.cloud)).toEqual(DEFAULT_SCENARIO_CREATES);
    expect(result.summary.deadLetters).toBe(0);
  });
});
