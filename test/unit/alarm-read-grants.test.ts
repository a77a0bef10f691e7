// Who may read alarms back: by their ARNs, unless the config says some are composite alarms, which CloudWatch
// describes only to a DescribeAlarms grant on `*`.
import { iamStatements } from '../../shared/config/iam';
import type { Config } from '../../shared/config/schema';
import { abortAlarmNames } from '../../shared/config/lines';
import { driftAlarmsOf } from '../../shared/domain/monitoring/alarm-name';
import { exampleConfig } from '../helpers/config';

type Statement = { Action: string[]; Resource: unknown[] };

const alarmReaders = (config: Config) =>
  Object.fromEntries(
    Object.entries(iamStatements(config)).flatMap(([fn, statements]) => {
      const reads = (statements as Statement[]).filter((s) => s.Action.includes('cloudwatch:DescribeAlarms'));
      return reads.length ? [[fn, reads.flatMap((s) => s.Resource)]] : [];
    }),
  );

const arnOf = (name: string) => ({
  'Fn::Sub': `arn:\${AWS::Partition}:cloudwatch:\${AWS::Region}:\${AWS::AccountId}:alarm:${name}`,
});

describe('the grants to read alarms back', () => {
  it('name each configured drift and abort alarm, and nothing wider, by default', () => {
    // Prepare
    const config = exampleConfig();
    const named = [...abortAlarmNames(config), ...config.models.flatMap(driftAlarmsOf)];

    // Act
    const readers = alarmReaders(config);

    // Assess
    const granted = Object.values(readers).flat();
    expect(named.length).toBeGreaterThan(1);
    for (const name of named) expect(granted).toContainEqual(arnOf(name));
    expect(granted).not.toContain('*');
  });

  it('are on every alarm for the functions that read configured alarms, once composite alarms are declared', () => {
    // Prepare
    const config = exampleConfig();
    const named = [...abortAlarmNames(config), ...config.models.flatMap(driftAlarmsOf)].map(arnOf);
    const readersOfNamed = Object.entries(alarmReaders(config))
      .filter(([, resources]) => named.some((arn) => resources.some((r) => JSON.stringify(r) === JSON.stringify(arn))))
      .map(([fn]) => fn);

    // Act
    const readers = alarmReaders({ ...config, compositeAlarms: true });

    // Assess
    expect(readersOfNamed.length).toBeGreaterThan(0);
    for (const fn of readersOfNamed) expect([fn, readers[fn]]).toEqual([fn, expect.arrayContaining(['*'])]);
  });
});
