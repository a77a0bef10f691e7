import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { handler } from '../../functions/abort-alarm-raised';
import { sagemaker } from '../helpers/aws';
import { bakingCanary, candidateOut, tick, weightsCalls } from '../helpers/canary';
import { createTable, deploymentItem, timeline } from '../helpers/dynamo';
import { context, fixture, setClock } from '../helpers/events';
import { ABORT_ALARM, abortAlarmIs, cloudwatch, resetHosting } from '../helpers/hosting';
import { freshWorld } from '../helpers/function-world';

const raised = (id?: string) => fixture('cloudwatch-alarm-state-change.abort-alarm', id ? { id } : {});

beforeAll(createTable);
beforeEach(() => freshWorld({ alsoReset: [resetHosting] }));

describe('abortAlarmRaised', () => {
  it('takes the baking candidate out in the same invocation: one weights call with the candidate at 0', async () => {
    // Prepare
    await bakingCanary();
    setClock('2026-11-27T03:20:41Z');

    // Act
    const result = await handler(raised(), context('abortAlarmRaised'));

    // Assess
    expect(weightsCalls()).toEqual([candidateOut]);
    const outcomes = [{ model: 'churn', outcome: 'rolling back' }];
    expect(result).toEqual({ status: 'done', alarmName: ABORT_ALARM, outcomes });
    const reason = `abort alarm ${ABORT_ALARM} is in ALARM at 10 %`;
    expect((await deploymentItem())?.active).toMatchObject({ status: 'draining', weight: 0, reason });
    const recorded = { type: 'AbortAlarmRaised', data: expect.objectContaining({ alarm: ABORT_ALARM, weight: 10 }) };
    expect(await timeline('churn')).toContainEqual(expect.objectContaining(recorded));
  });

  it('calls SageMaker once when the event comes twice, under the same id or another', async () => {
    // Prepare
    await bakingCanary();
    setClock('2026-11-27T03:20:41Z');

    // Act
    await handler(raised(), context('abortAlarmRaised'));
    await handler(raised(), context('abortAlarmRaised'));
    const again = await handler(raised('re-emitted-abort'), context('abortAlarmRaised'));

    // Assess
    expect(weightsCalls()).toEqual([candidateOut]);
    // The new id passes the idempotency layer; the decision finds the canary draining already.
    expect(again).toMatchObject({ outcomes: [{ model: 'churn', outcome: 'abort alarm: no canary to fail' }] });
  });

  it('leaves a canary started since alone when an ALARM from before its start is delivered late', async () => {
    // Prepare: the alarm went off at 02:50, before the canary started at 03:05; its event comes at 03:20
    await bakingCanary();
    setClock('2026-11-27T03:20:41Z');
    const late = fixture('cloudwatch-alarm-state-change.abort-alarm-late');

    // Act
    const result = await handler(late, context('abortAlarmRaised'));

    // Assess
    const outcome = 'abort alarm: its change into ALARM came before the deployment started';
    expect(result).toEqual({ status: 'done', alarmName: ABORT_ALARM, outcomes: [{ model: 'churn', outcome }] });
    expect(weightsCalls()).toEqual([]);
    expect((await deploymentItem())?.active?.status).toBe('baking');
  });

  it('ignores an alarm no model line names as an abort alarm', async () => {
    // Prepare
    await bakingCanary();
    const unknown = fixture('cloudwatch-alarm-state-change.unconfigured-alarm');

    // Act
    const result = await handler(unknown, context('abortAlarmRaised'));

    // Assess
    expect(result).toEqual({ status: 'ignored', reason: 'alarm not configured as an abort alarm' });
    expect(sagemaker.calls()).toHaveLength(0);
    expect((await deploymentItem())?.active?.status).toBe('baking');
  });

  it('ignores the abort alarm going back to OK', async () => {
    // Prepare
    await bakingCanary();
    const detail = { state: { value: 'OK' }, previousState: { value: 'ALARM' } };
    const ok = fixture('cloudwatch-alarm-state-change.abort-alarm', { id: 'abort-ok', detail });

    // Act
    const result = await handler(ok, context('abortAlarmRaised'));

    // Assess
    expect(result).toMatchObject({ status: 'ignored' });
    expect(sagemaker.calls()).toHaveLength(0);
    expect((await deploymentItem())?.active?.status).toBe('baking');
  });
});

describe('reconcile: an abort alarm whose event was lost', () => {
  it('takes the candidate out on the next tick, before any judging', async () => {
    // Prepare
    await bakingCanary();
    abortAlarmIs('ALARM');

    // Act
    await tick('2026-11-27T03:21:00Z');

    // Assess
    expect(weightsCalls()).toEqual([candidateOut]);
    expect(cloudwatch.commandCalls(GetMetricDataCommand)).toHaveLength(0);
    const reason = expect.stringContaining(ABORT_ALARM);
    expect((await deploymentItem())?.active).toMatchObject({ status: 'draining', reason });
  });

  it('leaves a baking canary alone while the alarm is OK', async () => {
    // Prepare
    await bakingCanary();
    cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });

    // Act
    await tick('2026-11-27T03:15:00Z');

    // Assess
    expect(weightsCalls()).toEqual([]);
    expect((await deploymentItem())?.active?.status).toBe('baking');
  });
});
