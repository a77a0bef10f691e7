// Drift monitoring that an operator took apart by hand (the console, or the SageMaker Python SDK's
// `delete_monitoring_schedule`, which deletes the schedule's job definition with it): the reconciler puts it back.
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateDataQualityJobDefinitionCommand,
  CreateMonitoringScheduleCommand,
  DescribeDataQualityJobDefinitionCommand,
  DescribeMonitoringScheduleCommand,
} from '@aws-sdk/client-sagemaker';
import { handler as reconcile } from '../../functions/reconcile';
import { notFound, notificationsSent, sagemaker } from '../helpers/aws';
import { putPromoted } from '../helpers/canary';
import { createTable, timeline } from '../helpers/dynamo';
import { context, fixture, setClock } from '../helpers/events';
import { freshWorld } from '../helpers/function-world';
import { cloudwatch, resetCloudWatch } from '../helpers/hosting';

/** churn-prod serves v1 since its first deployment ended promoted. */
const PROMOTED = { promoted: '2026-11-27T00:44:00.000Z', approved: '2026-11-27T00:30:00.000Z' };
const tick = (iso: string) => {
  setClock(iso);
  return reconcile(fixture('scheduled-event', { id: `tick-${iso}`, time: iso }), context('reconcile'));
};
const definitionsCreated = () =>
  sagemaker.commandCalls(CreateDataQualityJobDefinitionCommand).map((c) => c.args[0].input.JobDefinitionName);
const schedulesCreated = () => sagemaker.commandCalls(CreateMonitoringScheduleCommand);

/** Model Monitor as SageMaker keeps it: a schedule names a job definition that must exist when it is created. */
function modelMonitor(): { deleteBoth: () => void } {
  const definitions = new Set<string>();
  let schedule: string | undefined;
  sagemaker.on(CreateDataQualityJobDefinitionCommand).callsFake(async (input) => {
    definitions.add(input.JobDefinitionName);
    return {};
  });
  sagemaker.on(DescribeDataQualityJobDefinitionCommand).callsFake(async (input) => {
    if (!definitions.has(input.JobDefinitionName)) throw notFound('Job definition');
    return { JobDefinitionName: input.JobDefinitionName };
  });
  sagemaker.on(CreateMonitoringScheduleCommand).callsFake(async (input) => {
    const definition = input.MonitoringScheduleConfig.MonitoringJobDefinitionName;
    if (!definitions.has(definition)) {
      throw Object.assign(new Error(`Job definition ${definition} does not exist`), { name: 'ValidationException' });
    }
    schedule = definition;
    return {};
  });
  sagemaker.on(DescribeMonitoringScheduleCommand).callsFake(async () => {
    if (!schedule) throw notFound('Monitoring schedule');
    const config = { MonitoringJobDefinitionName: schedule, MonitoringType: 'DataQuality' };
    return { MonitoringScheduleStatus: 'Scheduled', MonitoringScheduleConfig: config };
  });
  cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: 'shepherd-drift-churn-prod' }] });
  return {
    deleteBoth: () => {
      definitions.clear();
      schedule = undefined;
    },
  };
}

beforeAll(createTable);
beforeEach(async () => {
  await freshWorld({ alsoReset: [resetCloudWatch] });
  await putPromoted(1, PROMOTED);
});

describe('reconcile: drift monitoring deleted by hand', () => {
  it('creates the job definition again before the schedule that names it, and refuses nothing', async () => {
    // Prepare: monitoring is in place, then the operator deletes the schedule and its job definition.
    const monitor = modelMonitor();
    await tick('2026-11-27T00:45:00Z');
    await tick('2026-11-27T00:46:00Z');
    monitor.deleteBoth();

    // Act
    await tick('2026-11-27T01:10:00Z');

    // Assess
    const [definition] = definitionsCreated();
    expect(definitionsCreated()).toEqual([definition, definition]);
    expect(schedulesCreated()).toHaveLength(2);
    const types = (await timeline('churn')).map((entry) => entry.type);
    expect(types).toContain('MonitoringRecreated');
    expect(types).not.toContain('MonitoringRefused');
    expect(notificationsSent().map((n) => n.Subject)).not.toContainEqual(expect.stringContaining('refused'));
  });
});
