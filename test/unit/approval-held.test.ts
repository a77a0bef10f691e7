// A canary held for a human asks the line's approvers with Promote and Abort links, and chat with CLI commands.
import { onJudged } from '../../shared/domain/deployment/judged';
import { churnLine, verdicts, STACK, bakingCanaryState } from '../helpers/deployment';
import { ofType } from '../helpers/actions';

const t = (minutes: number) => new Date(Date.parse('2026-11-27T02:00:00Z') + minutes * 60_000);
const base = churnLine();
const line = {
  ...base,
  approval: { mode: 'manual' as const, approvers: ['alice@example.com', 'bob@example.com'], linkTtlHours: 8 },
  deployment: { ...base.deployment, onInconclusive: 'hold' as const, maxBakeExtensions: 0 },
};

function baking() {
  return bakingCanaryState(line);
}

describe('a canary held for a human', () => {
  it('sends the line’s approvers Promote and Abort links for this deployment, and chat the CLI commands', () => {
    // Prepare
    const state = baking();

    // Act
    const d = onJudged(state, line, verdicts.inconclusive(), t(30), STACK);

    // Assess
    const [notify] = ofType(d.actions, 'notify');
    expect(d.state?.active?.status).toBe('held');
    expect(notify!.notification.links).toEqual({
      subject: state.active!.id,
      actions: ['promote', 'abort'],
      approvers: ['alice@example.com', 'bob@example.com'],
      ttlHours: 8,
      deploymentStartedAt: Date.parse(state.active!.startedAt),
    });
    expect(notify!.notification.chat?.nextSteps).toEqual([
      'Promote: `npx shepherd --stage test --region us-east-1 promote churn-prod --reason "…"`',
      'Abort: `npx shepherd --stage test --region us-east-1 abort churn-prod --reason "…"`',
      'SageMaker console: https://us-east-1.console.aws.amazon.com/sagemaker/home?region=us-east-1',
    ]);
    expect(JSON.stringify(notify!.notification.chat)).not.toContain('http://');
  });
});
