// The CLI commands a notification prints act on the stack that sent it: pasted from production, not on `dev`.
import type { Action, Notification } from '../../shared/domain/actions';
import type { StackTarget } from '../../shared/domain/cli-command';
import { onJudged } from '../../shared/domain/deployment/judged';
import { onPipelineSucceeded } from '../../shared/domain/retraining/pipeline';
import { registrationFollowUps } from '../../shared/domain/retraining/registration';
import { emptyTrainingState } from '../../shared/domain/retraining/state';
import { onTrigger } from '../../shared/domain/retraining/triggers';
import { line as configLine } from '../helpers/config';
import { churnLine, verdicts, bakingCanaryState } from '../helpers/deployment';
import { ofType } from '../helpers/actions';

const PROD: StackTarget = { stage: 'prod', region: 'eu-west-1' };
const LOCAL: StackTarget = { local: true };
const t = (minutes: number) => new Date(Date.parse('2026-11-27T02:00:00Z') + minutes * 60_000);
const notified = (actions: Action[]): Notification[] => ofType(actions, 'notify').map((a) => a.notification);

function heldCanary(stack: StackTarget): Notification {
  const base = churnLine();
  const line = { ...base, deployment: { ...base.deployment, onInconclusive: 'hold' as const, maxBakeExtensions: 0 } };
  const baking = bakingCanaryState(line);
  return notified(onJudged(baking, line, verdicts.inconclusive(), t(30), stack).actions)[0]!;
}

function registered(stack: StackTarget): Notification {
  const followUp = {
    model: 'churn',
    runName: 'r',
    modelPackageGroup: 'churn-models',
    trainingJobName: 'j',
    trigger: 'data',
    approvalStatus: 'PendingManualApproval' as const,
    metric: { name: 'validation:auc', value: 0.91 },
    approvers: ['a@example.com'],
    at: '2026-11-27T02:00:00.000Z',
  };
  const arn = 'arn:aws:sagemaker:eu-west-1:123456789012:model-package/churn-models/7';
  return notified(registrationFollowUps(followUp, arn, stack))[0]!;
}

function pipelineRegistered(stack: StackTarget): Notification {
  const manual = configLine('fraud', { approval: { mode: 'manual', approvers: ['f@example.com'], linkTtlHours: 24 } });
  const at = new Date('2026-11-27T05:00:00Z');
  const started = onTrigger(
    emptyTrainingState('fraud'),
    manual,
    { reason: 'schedule', id: 's1', at: at.toISOString() },
    at,
  ).state!;
  const registeredPackage = {
    arn: 'arn:aws:sagemaker:eu-west-1:123456789012:model-package/fraud-models/3',
    approvalStatus: 'PendingManualApproval',
  };
  return notified(onPipelineSucceeded(started, manual, [registeredPackage], t(200), stack).actions)[0]!;
}

describe('the commands a notification prints', () => {
  it('name the stage and region of the stack that asks for a model’s approval, in mail and chat', () => {
    // Act
    const n = registered(PROD);

    // Assess
    const approve = 'npx shepherd --stage prod --region eu-west-1 approve churn --version 7 --reason "…"';
    const reject = 'npx shepherd --stage prod --region eu-west-1 reject churn --version 7 --reason "…"';
    expect(n.message).toMatch(new RegExp(`Approve +${literal(approve)}\\n`));
    expect(n.message).toMatch(new RegExp(`Reject +${literal(reject)}$`));
    expect(n.chat?.nextSteps?.slice(0, 2)).toEqual([`Approve: \`${approve}\``, `Reject: \`${reject}\``]);
  });

  it('name the stage and region of the stack whose pipeline registered the model', () => {
    // Act
    const n = pipelineRegistered(PROD);

    // Assess
    expect(n.message).toContain('npx shepherd --stage prod --region eu-west-1 approve fraud --version 3 --reason');
    expect(n.chat?.nextSteps?.[1]).toBe(
      'Reject: `npx shepherd --stage prod --region eu-west-1 reject fraud --version 3 --reason "…"`',
    );
  });

  it('name the stage and region of the stack whose canary waits for a human', () => {
    // Act
    const n = heldCanary(PROD);

    // Assess
    const promote = 'npx shepherd --stage prod --region eu-west-1 promote churn-prod --reason "…"';
    const abort = 'npx shepherd --stage prod --region eu-west-1 abort churn-prod --reason "…"';
    expect(n.message).toContain(`Promote: ${promote}\nAbort:   ${abort}`);
    expect(n.chat?.nextSteps?.slice(0, 2)).toEqual([`Promote: \`${promote}\``, `Abort: \`${abort}\``]);
  });

  it('point at the local cloud, by `--local`, when the local cloud sent them', () => {
    // Act
    const sent = [registered(LOCAL), pipelineRegistered(LOCAL), heldCanary(LOCAL)];

    // Assess
    expect(sent.map((n) => n.chat?.nextSteps?.[0])).toEqual([
      'Approve: `npx shepherd --local approve churn --version 7 --reason "…"`',
      'Approve: `npx shepherd --local approve fraud --version 3 --reason "…"`',
      'Promote: `npx shepherd --local promote churn-prod --reason "…"`',
    ]);
    expect(sent.map((n) => n.message).join('\n')).not.toMatch(/--stage|--region|npx shepherd (approve|promote)/);
  });
});

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
