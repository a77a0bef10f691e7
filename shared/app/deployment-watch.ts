import { nothing } from '../domain/decisions';
import { guardedByAbortAlarms, onAbortAlarm } from '../domain/deployment/abort';
import type { AlarmState } from '../domain/deployment/judge-types';
import { onJudged } from '../domain/deployment/judged';
import { bakeOver, lookAtCanary, lookAtReplacement } from '../domain/deployment/look';
import type { DeployedLine } from '../domain/deployment/line';
import { startDeployment } from '../domain/deployment/start';
import { emptyDeploymentState, type Deployment, type DeploymentState } from '../domain/deployment/state';
import { watchDeployment } from '../domain/deployment/stuck';
import { lookSpan } from '../domain/deployment/window';
import { deploymentKey } from '../state/keys';
import { DEPLOYMENT_ITEM } from '../state/kinds/deployment';
import { recovery } from './deployment-requests';
import { ApprovalDeployments } from './deployment-approved';
import { lookMinutes } from './look-minutes';
import { unheardApproval } from './lost-approvals';

// An endpoint operation takes minutes; one that has been quiet this long is looked up.
const STALLED_MS = 15 * 60_000;

/**
 * The deployment watcher's side of deployments, apart from the event handlers' so that only `watchDeployments`
 * carries the judge, its statistics and the look windows: every tick judges bakes, re-reads abort alarms, looks up
 * quiet endpoints and starts a queued approval.
 */
export class DeploymentWatcher extends ApprovalDeployments {
  /** One tick of a deployed line: abort alarms, a stuck deployment, the bake's look, a quiet endpoint, the queue. */
  async reconcile(line: DeployedLine): Promise<void> {
    const key = deploymentKey(line.deployment.endpointName);
    const { state, outbox } = await this.deps.store.get(
      key,
      emptyDeploymentState(line.deployment.endpointName),
      DEPLOYMENT_ITEM,
    );
    await this.decider.finishLeftovers(key, outbox, recovery(line));
    // The deployment as read is no more once a skipped update had the endpoint looked at: the next tick goes on.
    if (await this.lookIfOvertaken(line)) return;
    const { acted, alarms } = await this.abortOnAlarms(line, state);
    if (acted) return;
    await this.watch(line, state);
    const now = this.deps.clock();
    const active = state.active;
    if (active?.status === 'baking') {
      await this.look(line, active, now, alarms);
    } else if (active && active.status !== 'held' && now.getTime() - Date.parse(active.lastHeardAt) >= STALLED_MS) {
      await this.endpointChanged(line);
    } else if (!active && state.queued) {
      const endpoint = await this.snapshot(line.deployment.endpointName);
      if (!endpoint.exists || endpoint.status === 'InService') {
        const alarms = await this.startGate(line, endpoint);
        await this.applyDeployment(line, (s, at) =>
          !s.active && s.queued
            ? startDeployment(s, line, s.queued, endpoint, at, alarms)
            : nothing('queue already taken'),
        );
      }
    } else if (!active) {
      await this.catchUpApproval(line, state, now);
    }
  }

  /**
   * An idle endpoint whose group's newest approved package Shepherd never heard of (not deployed, queued nor
   * superseded, nor older than one that was: its Approved event was lost) is deployed as that event would have.
   * Its edge builds are the reconciler's (EdgeBuilds.reconcile).
   */
  private async catchUpApproval(line: DeployedLine, state: DeploymentState, now: Date): Promise<void> {
    const handled = [...state.recent, ...state.history.map((deployment) => deployment.modelPackageArn)];
    const pkg = await unheardApproval(this.deps.packages, line.modelPackageGroup, now, handled);
    if (!pkg) return;
    this.deps.logger.warn('approved package found without its event: deployed as the event would have', {
      model: line.name,
      arn: pkg.arn,
    });
    await this.deploy(line, pkg);
  }

  /**
   * Says once when the active deployment stays far longer than its settings allow (domain/deployment/stuck.ts);
   * writes only then, or when a status is first seen. `state` as read at the tick's start, to skip a write.
   */
  private async watch(line: DeployedLine, state: DeploymentState): Promise<void> {
    if (!watchDeployment(state, line, [], this.deps.clock()).state) return;
    const key = deploymentKey(line.deployment.endpointName);
    const { outbox } = await this.deps.store.get(
      key,
      emptyDeploymentState(line.deployment.endpointName),
      DEPLOYMENT_ITEM,
    );
    const pending = outbox.map((entry) => entry.action.type);
    await this.applyDeployment(line, (s, now) => watchDeployment(s, line, pending, now));
  }

  /**
   * Every tick of a bake: the step's complete minutes so far, judged. An interim look that finds no harm changes
   * nothing (no write); a failure rolls back at once; the look at the bake's end passes, extends or rolls back.
   */
  private async look(line: DeployedLine, canary: Deployment, now: Date, alarms: AlarmState[]): Promise<void> {
    const span = lookSpan(new Date(canary.bakeStartedAt!), now);
    if (span.end <= span.start && !bakeOver(canary, now)) return;
    const minutes = await lookMinutes(this.deps.cloudwatch, line, canary, now);
    const verdict =
      canary.kind === 'replace'
        ? lookAtReplacement(canary, line, minutes, alarms, now)
        : lookAtCanary(canary, line, minutes, alarms, now);
    if (verdict.outcome === 'continue') return;
    const scaling = verdict.outcome === 'pass' ? await this.baselineScaling(line, canary) : undefined;
    const instances = verdict.outcome === 'pass' ? await this.baselineInstances(line, canary) : undefined;
    // Judged since it was read (a twin of this tick, delivered twice or overlapping): this verdict is stale.
    const current = (state: DeploymentState) =>
      state.active?.id === canary.id &&
      state.active.status === 'baking' &&
      state.active.step === canary.step &&
      state.active.judgements.length === canary.judgements.length;
    await this.applyDeployment(line, (s, at) =>
      current(s)
        ? onJudged(s, line, verdict, at, this.deps.stack, scaling, instances)
        : nothing('judgement superseded'),
    );
  }

  /**
   * The abort alarms are read on every tick while a canary can be failed by them, so a lost alarm event costs at
   * most a minute. `acted`: the candidate is being taken out, nothing else is left to do this tick. The states read
   * are also the evidence of this tick's look at the bake.
   */
  private async abortOnAlarms(
    line: DeployedLine,
    state: DeploymentState,
  ): Promise<{ acted: boolean; alarms: AlarmState[] }> {
    if (!guardedByAbortAlarms(state.active)) return { acted: false, alarms: [] };
    const alarms = await this.deps.cloudwatch.alarmStates(line.deployment.abortAlarms);
    const raised = alarms.find((alarm) => alarm.state === 'ALARM');
    if (!raised) return { acted: false, alarms };
    const decision = await this.applyDeployment(line, (s, now) => onAbortAlarm(s, line, raised.name, now));
    // A canary drains first; a replacement goes straight back to the baseline's config.
    const status = decision.state?.active?.status;
    return { acted: status === 'draining' || status === 'rolling_back', alarms };
  }
}
