import { parse, stringify } from 'yaml';
import { parseConfig } from '../../shared/config/load';
import { exampleYaml, problemsOf } from '../helpers/config';

/** The example config with the churn line's retrain schedule and the cost sweep's schedule replaced. */
const withSchedules = (line: string, sweep = 'cron(0 1 * * ? *)'): string => {
  const doc = parse(exampleYaml);
  doc.models[0].triggers.schedule = line;
  doc.costSweep.schedule = sweep;
  return stringify(doc);
};

describe('the schedules of shepherd.yml', () => {
  it.each([
    ['cron(0 25 ? * MON *)', 'hours are 0-23'],
    ['cron(0 6 * * MON *)', 'one of day-of-month and day-of-week must be ?'],
    ['cron(0 */0 ? * MON *)', 'an increment of hours is 1 to 24'],
    ['cron(60 6 ? * MON *)', 'minutes are 0-59'],
    ['cron(0 6 ? * 8 *)', 'day-of-week are 1-7'],
    ['rate(1 minutes)', 'rate(1 unit) or rate(N units)'],
    ['rate(0 days)', 'rate(1 unit) or rate(N units)'],
  ])('refuses %s, which EventBridge refuses, saying why', (expression, why) => {
    // Act
    const problems = problemsOf(withSchedules(expression));

    // Assess
    expect(problems).toEqual([expect.stringContaining(`models[0].triggers.schedule: ${expression}: `)]);
    expect(problems[0]).toContain(why);
  });

  it('checks the cost sweep’s schedule by the same rules', () => {
    // Act
    const problems = problemsOf(withSchedules('cron(0 6 ? * MON *)', 'cron(0 24 * * ? *)'));

    // Assess
    expect(problems).toEqual([
      expect.stringMatching(/^costSweep\.schedule: cron\(0 24 \* \* \? \*\): .*hours are 0-23/),
    ]);
  });

  it('accepts what EventBridge takes: names, lists, ranges, increments, L, W and #', () => {
    // Act
    const config = parseConfig(withSchedules('cron(0/15 8-17 ? JAN-MAR,DEC MON-FRI *)', 'cron(0 1 LW * ? 2026-2030)'));

    // Assess
    expect(config.models[0]!.triggers.schedule).toBe('cron(0/15 8-17 ? JAN-MAR,DEC MON-FRI *)');
    expect(parseConfig(withSchedules('cron(0 6 ? * 2#1 *)', 'rate(1 day)')).costSweep?.schedule).toBe('rate(1 day)');
  });
});
