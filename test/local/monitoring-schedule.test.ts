import { nextRun } from '../../local/sagemaker/monitoring-input';
import { failure } from '../helpers/aws-error';

const at = (iso: string) => Date.parse(iso);
const next = (expression: string, after: string) => new Date(nextRun(expression, at(after))).toISOString();

describe('the emulated Model Monitor schedule', () => {
  it('runs at the next top of an hour its cron names: hourly, daily at H, every N hours from H', () => {
    // Act
    const runs = [
      next('cron(0 * ? * * *)', '2026-11-27T00:45:00Z'),
      next('cron(0 * ? * * *)', '2026-11-27T01:00:00Z'),
      next('cron(0 12 ? * * *)', '2026-11-27T12:30:00Z'),
      next('cron(0 17/12 ? * * *)', '2026-11-27T06:00:00Z'),
      next('cron(0 0/2 ? * * *)', '2026-11-27T03:10:00Z'),
    ];

    // Assess
    expect(runs).toEqual([
      '2026-11-27T01:00:00.000Z',
      '2026-11-27T02:00:00.000Z',
      '2026-11-28T12:00:00.000Z',
      '2026-11-27T17:00:00.000Z',
      '2026-11-27T04:00:00.000Z',
    ]);
  });

  it('refuses a schedule more often than hourly, as Model Monitor does', () => {
    // Act
    const error = failure(() => nextRun('cron(0/30 * ? * * *)', at('2026-11-27T00:00:00Z')));

    // Assess
    expect(error.code).toBe('ValidationException');
    expect(error.message).toContain('at most hourly');
  });
});
