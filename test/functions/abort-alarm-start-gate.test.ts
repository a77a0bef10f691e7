// An abort alarm already in ALARM when a canary would start: the approval waits, queued, until it is not.
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DescribeEndpointCommand,
  UpdateEndpointCommand,
} from '@aws-sdk/client-sagemaker';
import { handler as modelPackageStateChanged } from '../../functions/model-package-state-changed';
import { notificationsSent, resetAws, sagemaker } from '../helpers/aws';
import { approval, neoBuilding, tick } from '../helpers/canary';
import { createTable, deploymentItem, timeline } from '../helpers/dynamo';
import { context } from '../helpers/events';
import {
  ABORT_ALARM,
  OLD_CONFIG,
  abortAlarmIs,
  cloudwatch,
  describedPackage,
  endpointServes,
  noSuchEndpoint,
  packageArn,
  resetHosting,
} from '../helpers/hosting';
import { freshWorld } from '../helpers/function-world';

const endpointRequests = () => [
  ...sagemaker.commandCalls(CreateModelCommand),
  ...sagemaker.commandCalls(CreateEndpointConfigCommand),
  ...sagemaker.commandCalls(UpdateEndpointCommand),
];
const alarmLookups = () => cloudwatch.commandCalls(DescribeAlarmsCommand).map((c) => c.args[0].input);
const attribute = (value: string) => ({ DataType: 'String', StringValue: value });

/** v2 approved while churn-prod serves v1 and the abort alarm is in ALARM. */
async function approvedUnderAlarm(): Promise<unknown> {
  describedPackage(2);
  endpointServes(OLD_CONFIG, { v1: 100 });
  abortAlarmIs('ALARM');
  return modelPackageStateChanged(approval(2), context('modelPackageStateChanged'));
}

/** The SageMaker mocks' history cleared; churn-prod still serves v1 alone. */
function afterApproval(): void {
  resetAws();
  neoBuilding();
  describedPackage(2);
  endpointServes(OLD_CONFIG, { v1: 100 });
}

beforeAll(createTable);
beforeEach(async () => {
  await freshWorld({ clock: '2026-11-27T03:05:00Z', alsoReset: [resetHosting] });
  neoBuilding();
});

describe('an approval while an abort alarm is in ALARM', () => {
  it('stays queued: no model, config or endpoint update, one warning and a timeline record that say why', async () => {
    // Act
    const result = await approvedUnderAlarm();

    // Assess
    expect(result).toEqual({ status: 'done', model: 'churn', outcome: 'deployment waits for abort alarms' });
    expect(endpointRequests()).toEqual([]);
    expect(alarmLookups()).toEqual([{ AlarmNames: [ABORT_ALARM], AlarmTypes: ['MetricAlarm'] }]);
    const item = await deploymentItem();
    expect(item?.active).toBeUndefined();
    expect(item?.queued).toMatchObject({ arn: packageArn(2) });
    const [warning] = notificationsSent();
    expect(notificationsSent()).toHaveLength(1);
    expect(warning).toMatchObject({
      Subject: '[Shepherd] churn: deployment to churn-prod waits for abort alarms',
      MessageAttributes: expect.objectContaining({ kind: attribute('alert'), severity: attribute('warning') }),
    });
    expect(warning!.Message).toContain(ABORT_ALARM);
    const waits = { type: 'DeploymentWaitsForAlarms', data: { alarms: [ABORT_ALARM] } };
    expect(await timeline('churn')).toContainEqual(expect.objectContaining(waits));
  });

  it('says nothing more on the ticks while the alarm stays in ALARM', async () => {
    // Prepare
    await approvedUnderAlarm();
    afterApproval();

    // Act
    await tick('2026-11-27T03:06:00Z');
    await tick('2026-11-27T03:07:00Z');

    // Assess
    expect(endpointRequests()).toEqual([]);
    expect(notificationsSent()).toEqual([]);
    expect((await deploymentItem())?.queued).toMatchObject({ arn: packageArn(2) });
  });

  it('starts the canary on the first tick the alarm is OK again', async () => {
    // Prepare
    await approvedUnderAlarm();
    afterApproval();
    abortAlarmIs('OK');

    // Act
    await tick('2026-11-27T03:08:00Z');

    // Assess
    const configs = sagemaker.commandCalls(CreateEndpointConfigCommand).map((c) => c.args[0].input.ProductionVariants!);
    expect(configs.map((variants) => variants.map((v) => [v.VariantName, v.InitialVariantWeight]))).toEqual([
      [
        ['v1', 90],
        ['v2', 10],
      ],
    ]);
    expect(sagemaker.commandCalls(UpdateEndpointCommand)).toHaveLength(1);
    const item = await deploymentItem();
    expect(item?.active).toMatchObject({ kind: 'canary', status: 'starting', package: { arn: packageArn(2) } });
    expect(item?.queued).toBeUndefined();
    expect(item?.waitingForAlarms).toBeUndefined();
  });

  it('does not hold back the first model of a new endpoint', async () => {
    // Prepare
    describedPackage(1);
    sagemaker.on(DescribeEndpointCommand).rejects(noSuchEndpoint());
    abortAlarmIs('ALARM');

    // Act
    await modelPackageStateChanged(approval(1), context('modelPackageStateChanged'));

    // Assess
    expect(sagemaker.commandCalls(CreateEndpointCommand)).toHaveLength(1);
    expect(alarmLookups()).toEqual([]);
    expect(notificationsSent()).toEqual([]);
  });
});
