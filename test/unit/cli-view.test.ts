import { fixture } from '../helpers/events';
import { parseDuration, table } from '../../shared/cli/format';
import { describeLine } from '../../shared/cli/status';
import { onApproved } from '../../shared/domain/deployment/approvals';
import { onJudged } from '../../shared/domain/deployment/judged';
import { onEndpointObserved } from '../../shared/domain/deployment/progress';
import { emptyDeploymentState } from '../../shared/domain/deployment/state';
import { emptyEdgeState } from '../../shared/domain/edge/builds';
import { emptyTrainingState } from '../../shared/domain/retraining/state';
import { churnLine, pkg, STACK, servingV1, verdicts, bakingCanaryState } from '../helpers/deployment';

const t = (minutes: number) => new Date(Date.parse('2026-11-27T02:00:00Z') + minutes * 60_000);
const churn = churnLine();

describe('shepherd status, as words', () => {
  it('says a canary step, its weights and the training in flight', () => {
    // Prepare
    const baking = bakingCanaryState(churn);
    const training = {
      ...emptyTrainingState('churn'),
      inFlight: {
        kind: 'job' as const,
        runName: 'churn-20261127t0200-abcdef12',
        attempt: 0,
        jobName: 'churn-20261127t0200-abcdef12',
        trigger: { reason: 'drift' as const, id: 'e-1', at: t(0).toISOString() },
        window: { objects: 0, bytes: 0 },
        startedAt: t(0).toISOString(),
        lastHeardAt: t(0).toISOString(),
        lastSecondaryStatus: 'Training',
      },
    };
    const registered = { arn: 'arn', group: 'churn-models', version: 2, status: 'Approved' };

    // Act
    const line = describeLine(churn, training, registered, baking, emptyEdgeState('churn'));

    // Assess
    expect(line).toEqual({
      model: 'churn',
      training: 'churn-20261127t0200-abcdef12 Training (drift, since 2026-11-27T02:00:00.000Z)',
      package: 'v2 Approved',
      endpoint: 'churn-prod',
      deployment: 'v2 canary step 1: baking at 10 % (v1 90 % / v2 10 %)',
      edge: 'no builds',
    });
  });

  it('says a weight asked for as asked for, not as the variants serving it, until the endpoint is in service', () => {
    // Prepare
    const starting = onApproved(emptyDeploymentState('churn-prod'), churn, pkg(2), servingV1, t(0)).state!;
    const baking = onEndpointObserved(
      starting,
      churn,
      { status: 'InService', configName: starting.active!.expectConfig },
      t(8),
    ).state!;
    const shifting = onJudged(baking, churn, verdicts.pass(), t(23), STACK).state!;
    const row = (s: typeof starting) =>
      describeLine(churn, emptyTrainingState('churn'), undefined, s, emptyEdgeState('churn')).deployment;

    // Act
    const [asked, shifted] = [row(starting), row(shifting)];

    // Assess
    expect(asked).toBe(
      'v2 canary step 1: starting: 10 % asked for beside v1, which serves alone until the update is in service',
    );
    expect(shifted).toBe('v2 canary step 2: shifting: 25 % asked for, not yet in service (last judged at 10 %)');
  });

  it('says what was last deployed when nothing is in progress, and that nothing was registered', () => {
    // Prepare
    const ended = {
      ...emptyDeploymentState('churn-prod'),
      history: [{ id: 'd1', modelPackageArn: 'arn:…/churn-models/3', outcome: 'rolled_back' as const, at: 'T' }],
    };

    // Act
    const line = describeLine(churn, emptyTrainingState('churn'), undefined, ended, emptyEdgeState('churn'));

    // Assess
    expect(line).toMatchObject({ training: 'idle', package: 'none registered', deployment: 'v3 rolled_back at T' });
  });
});

describe('shepherd output', () => {
  it('pads columns to their widest cell under upper-case titles', () => {
    // Act
    const text = table(
      [
        { a: 'x', b: 'long value' },
        { a: 'wider', b: 'y' },
      ],
      [
        { key: 'a', title: 'first' },
        { key: 'b', title: 'second' },
      ],
    );

    // Assess
    expect(text.split('\n')).toEqual(['FIRST  SECOND', 'x      long value', 'wider  y']);
  });

  it('keeps each row on one line when a cell has line breaks, as a training failure reason has', () => {
    // Prepare: SageMaker's FailureReason of an algorithm error is its traceback, several lines long
    const failure = fixture('training-job-state-change.failed').detail.FailureReason as string;
    const entries = [
      { at: '2026-11-27T02:00:00.000Z', type: 'TrainingFailed', message: `churn-1 failed: ${failure}` },
      { at: '2026-11-27T02:05:00.000Z', type: 'RetrainingRequested', message: 'ops chose to retrain: data\nfixed' },
    ];

    // Act
    const text = table(entries, [
      { key: 'at', title: 'at' },
      { key: 'type', title: 'type' },
      { key: 'message', title: 'message' },
    ]);

    // Assess
    const lines = text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(
      /^2026-11-27T02:00:00.000Z +TrainingFailed +churn-1 failed: AlgorithmError: .* ExitCode 1$/,
    );
    expect(lines[2]).toMatch(/ops chose to retrain: data fixed$/);
  });

  it('reads durations in seconds, minutes, hours and days, and nothing else', () => {
    // Act + Assess
    expect(['90s', '30m', '2h', '7d', '1.5h'].map(parseDuration)).toEqual([90e3, 18e5, 72e5, 6048e5, 54e5]);
    expect(['2', 'h', '2 weeks', '-1h'].map(parseDuration)).toEqual([undefined, undefined, undefined, undefined]);
  });
});
