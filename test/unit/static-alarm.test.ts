// The static-threshold alarm that `npm run bench` sets beside the judge (test/helpers/static-alarm.ts): its
// evaluation, its part in a rollout, and the replay its tuning relies on.
import { MINUTE_MS, type MinuteMetrics } from '../../shared/domain/deployment/window';
import { simulateRollouts, type Behaviour, type RolloutCase } from '../helpers/canary-simulation';
import { alarmState, errorRateDatapoints, staticAlarmDecide, type StaticAlarmPolicy } from '../helpers/static-alarm';
import { firstAlarmSeconds, recordTrajectories } from '../helpers/static-alarm-tuning';

const THREE_OF_FIVE: StaticAlarmPolicy = { threshold: 0.05, datapointsToAlarm: 3, evaluationPeriods: 5 };
const HEALTHY: Behaviour = { errorRate: 0.01, latencyMs: 40 };

describe('a static-threshold alarm on the candidate 5XX rate', () => {
  it('reads the whole minutes before now, oldest first, with no datapoint where nothing was served or reported', () => {
    // Prepare
    const minutes = new Map<number, MinuteMetrics>([
      [0, { requests: 100, errors: 1 }],
      [MINUTE_MS, { requests: 0, errors: 0 }],
      [2 * MINUTE_MS, { requests: 50, errors: 5 }],
      [3 * MINUTE_MS, { requests: 10, errors: 10 }],
    ]);

    // Act
    const datapoints = errorRateDatapoints(minutes, 3 * MINUTE_MS + 30_000, 4);

    // Assess
    expect(datapoints).toEqual([undefined, 0.01, undefined, 0.1]);
  });

  it('is in ALARM with N of the last M datapoints above the threshold, and not with N - 1', () => {
    // Act
    const two = alarmState([0.06, 0.01, 0.07, 0.02, 0.01], THREE_OF_FIVE);
    const three = alarmState([0.06, 0.01, 0.07, 0.02, 0.09], THREE_OF_FIVE);

    // Assess
    expect(two).toBe('OK');
    expect(three).toBe('ALARM');
  });

  it('counts a datapoint at the threshold and a missing one as not breaching', () => {
    // Act
    const state = alarmState([0.05, undefined, 0.07, 0.08, undefined], THREE_OF_FIVE);

    // Assess
    expect(state).toBe('OK');
  });

  it('refuses datapoints that do not match its evaluation periods', () => {
    // Act
    const evaluate = () => alarmState([0.1, 0.1], THREE_OF_FIVE);

    // Assess
    expect(evaluate).toThrow('2 datapoints given for an alarm that evaluates 5');
  });

  it('rolls a candidate at 20 % errors back within 4 minutes of its step and promotes an identical one', () => {
    // Prepare
    const decide = staticAlarmDecide(THREE_OF_FIVE);
    const awful: RolloutCase = {
      requestsPerMinute: 1000,
      baseline: HEALTHY,
      candidate: { ...HEALTHY, errorRate: 0.2 },
    };
    const same: RolloutCase = { requestsPerMinute: 1000, baseline: HEALTHY, candidate: HEALTHY };

    // Act
    const bad = simulateRollouts(awful, 20, 1, { decide, seedEach: true });
    const good = simulateRollouts(same, 20, 2, { decide: staticAlarmDecide({ ...THREE_OF_FIVE, threshold: 1 }) });

    // Assess
    expect(bad.rolledBackFirstStep).toBe(20);
    expect(Math.max(...bad.secondsToRollback)).toBeLessThanOrEqual(4 * 60);
    expect(good.promoted + good.held).toBe(20);
  });

  it('replays recorded rollouts to the same rollbacks as running the rollouts with the alarm', () => {
    // Prepare
    const policy: StaticAlarmPolicy = { threshold: 0.04, datapointsToAlarm: 3, evaluationPeriods: 5 };
    const threeTimes: RolloutCase = {
      requestsPerMinute: 1000,
      baseline: HEALTHY,
      candidate: { ...HEALTHY, errorRate: 0.03 },
    };

    // Act
    const run = simulateRollouts(threeTimes, 40, 7, { decide: staticAlarmDecide(policy), seedEach: true });
    const replayed = recordTrajectories(threeTimes, 40, 7).map((t) => firstAlarmSeconds(policy, t));

    // Assess
    const caught = replayed.filter((s): s is number => s !== undefined).sort((a, b) => a - b);
    expect(caught.length).toBeGreaterThan(0);
    expect(caught.length).toBeLessThan(40);
    expect(caught).toEqual(run.secondsFromFirstStep);
  });
});
