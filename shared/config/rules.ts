// The EventBridge rules and schedules that start each function (serverless.yml `events:`), derived from
// shepherd.yml; those on SageMaker's state changes are in shared/config/sagemaker-rules.ts.
import { driftAlarmsOf } from '../domain/monitoring/alarm-name';
import { abortAlarmNames, deployedLines } from './lines';
import { monitoredAlarmNames } from './monitoring-stack';
import { sagemakerRules } from './sagemaker-rules';
import type { Config } from './schema';
import { DLQ_ARN, targetDelivery } from './stack-parts';

const alarmPattern = (names: string[]) => ({
  source: ['aws.cloudwatch'],
  'detail-type': ['CloudWatch Alarm State Change'],
  detail: { alarmName: names, state: { value: ['ALARM'] } },
});

export function eventRules(c: Config) {
  const dataArrived = c.models.flatMap((m) =>
    m.triggers.data.map((d) => ({
      eventBridge: {
        pattern: {
          source: ['aws.s3'],
          'detail-type': ['Object Created'],
          detail: { bucket: { name: [d.bucket] }, object: { key: [{ prefix: d.prefix }] } },
        },
        ...targetDelivery,
      },
    })),
  );
  // The alarms a line names, and the one Shepherd keeps on a monitored endpoint (shared/domain/monitoring).
  const alarms = c.models.flatMap(driftAlarmsOf);
  const driftAlarm = alarms.length
    ? [
        {
          eventBridge: {
            pattern: {
              source: ['aws.cloudwatch'],
              'detail-type': ['CloudWatch Alarm State Change'],
              detail: { alarmName: alarms, state: { value: ['ALARM'] } },
            },
            ...targetDelivery,
          },
        },
      ]
    : [];
  const retrainSchedule = c.models.flatMap((m) =>
    m.triggers.schedule
      ? [
          {
            // An eventBridge schedule (not `schedule:`) so the target gets the DLQ and retry policy too.
            eventBridge: {
              schedule: m.triggers.schedule,
              // The scheduled event's id and time survive the transformer: they make the trigger idempotent.
              inputTransformer: {
                inputPathsMap: { id: '$.id', time: '$.time' },
                inputTemplate: `{"model":${JSON.stringify(m.name)},"id":<id>,"time":<time>}`,
              },
              ...targetDelivery,
            },
          },
        ]
      : [],
  );
  // The alarms Shepherd keeps on monitored endpoints also go to describeDrift, which reads why they went off.
  const keptAlarms = monitoredAlarmNames(c);
  // And so does the reconciler's request for a change whose event was lost, on Shepherd's own bus.
  const describeDrift = keptAlarms.length
    ? [
        { eventBridge: { pattern: alarmPattern(keptAlarms), ...targetDelivery } },
        {
          eventBridge: {
            eventBus: { Ref: 'ShepherdBus' },
            pattern: { source: ['shepherd'], 'detail-type': ['Drift Description Requested'] },
            ...targetDelivery,
          },
        },
      ]
    : [];
  const abortAlarms = abortAlarmNames(c);
  const abortAlarmRaised = abortAlarms.length
    ? [{ eventBridge: { pattern: alarmPattern(abortAlarms), ...targetDelivery } }]
    : [];
  const everyMinute = [
    {
      eventBridge: {
        schedule: 'rate(1 minute)',
        deadLetterQueueArn: DLQ_ARN,
        // A tick older than a minute is superseded by the next one.
        retryPolicy: { maximumEventAge: 60, maximumRetryAttempts: 0 },
      },
    },
  ];
  // Account-wide, and only when shepherd.yml has a costSweep section.
  const costSweep = c.costSweep ? [{ eventBridge: { schedule: c.costSweep.schedule, ...targetDelivery } }] : [];
  return {
    dataArrived,
    driftAlarm,
    describeDrift,
    retrainSchedule,
    ...sagemakerRules(c),
    abortAlarmRaised,
    reconcile: everyMinute,
    countLostUploads: c.models.some((m) => m.triggers.data.length) ? everyMinute : [],
    watchDeployments: deployedLines(c).length ? everyMinute : [],
    costSweep,
    // Reached through its Function URL only.
    approvalLink: [],
    // Shepherd's own hand-over of a notification whose links it signs (shared/aws/sns.ts, forwardLinks).
    sendApprovalLinks: [
      {
        eventBridge: {
          eventBus: { Ref: 'ShepherdBus' },
          pattern: { source: ['shepherd'], 'detail-type': ['Approval Links Requested'] },
          ...targetDelivery,
        },
      },
    ],
  };
}
