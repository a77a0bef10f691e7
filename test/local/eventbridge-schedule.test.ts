import { nextFire } from '../../local/eventbridge/schedule';
import { nextRun } from '../../local/sagemaker/monitoring-input';
import { failure } from '../helpers/aws-error';

const AFTER = new Date('2026-11-27T00:00:00Z');
const next = (expression: string) => nextFire(expression, AFTER).toISOString();

describe('the emulated EventBridge schedule expressions', () => {
  it('fires rates and crons as EventBridge does', () => {
    // Act
    const fires = [
      next('rate(1 minute)'),
      next('rate(5 minutes)'),
      next('cron(0 6 ? * MON *)'),
      next('cron(15 10 * * ? *)'),
      next('cron(0/20 8-9 27 NOV ? 2026)'),
      next('cron(0 22/5 * * ? *)'),
    ];

    // Assess
    expect(fires).toEqual([
      '2026-11-27T00:01:00.000Z',
      '2026-11-27T00:05:00.000Z',
      '2026-11-30T06:00:00.000Z',
      '2026-11-27T10:15:00.000Z',
      '2026-11-27T08:00:00.000Z',
      '2026-11-27T22:00:00.000Z',
    ]);
  });

  it.each([
    ['cron(0 24 * * ? *)', 'hours'],
    ['cron(0 0/25 * * ? *)', 'hours'],
    ['cron(0 20-25 * * ? *)', 'hours'],
    ['cron(0 */0 * * ? *)', 'hours'],
    ['cron(0 6/x * * ? *)', 'hours'],
    ['cron(0 1,,2 * * ? *)', 'hours'],
    ['cron(60 6 * * ? *)', 'minutes'],
    ['cron(? 6 * * ? *)', 'minutes'],
    ['cron(0 6 0 * ? *)', 'day-of-month'],
    ['cron(0 6 ? 13 MON *)', 'month'],
    ['cron(0 6 ? * 8 *)', 'day-of-week'],
    ['cron(0 6 ? * 1/2 *)', 'day-of-week'],
    ['cron(0 6 * * ? 1969)', 'year'],
    ['cron(0 6 * * MON *)', 'day-of-month and day-of-week'],
    ['cron(0 6 ? * ? *)', 'day-of-month and day-of-week'],
    ['cron(0 6 * * ?)', 'six fields'],
    ['rate(0 minutes)', 'rate'],
    ['rate(1 minutes)', 'rate'],
    ['rate(2 hour)', 'rate'],
  ])('refuses %s as EventBridge does (%s)', (expression, what) => {
    // Act
    const error = failure(() => nextFire(expression, AFTER));

    // Assess
    expect(error.code).toBe('ValidationException');
    expect(error.message).toContain(`Parameter ScheduleExpression is not valid: ${expression}`);
    expect(error.message).toContain(what);
  });
});

describe('the emulated Model Monitor schedule expressions', () => {
  it.each(['cron(0 24 ? * * *)', 'cron(0 99 ? * * *)', 'cron(0 23/25 ? * * *)', 'cron(0 5/0 ? * * *)'])(
    'refuses %s, whose hour or step is out of range, with why',
    (expression) => {
      // Act
      const error = failure(() => nextRun(expression, AFTER.getTime()));

      // Assess
      expect(error.code).toBe('ValidationException');
      expect(error.message).toContain('an hour is 0 to 23 and a step 1 to 24');
    },
  );
});
