import type { CloudWatchAdapter } from '../aws/cloudwatch';
import type { ModelLine } from '../config/schema';
import { nothing } from '../domain/decisions';
import { guardedByAbortAlarms, onAbortAlarm } from '../domain/deployment/abort';
import type { AlarmState } from '../domain/deployment/judge';
import { bakeOver, lookAtCanary, lookAtReplacement } from '../domain/deployment/look';
import { lookSpan } from '../domain/deployment/window';
import { onHumanDecision, type HumanChoice } from '../domain/deployment/human';
import { onJudged } from '../domain/deployment/judged';
import { onEndpointObserved, stillWanted } from '../domain/deployment/progress';
import { onPermanentFailure } from '../domain/deployment/failure';
import { watchDeployment } from '../domain/deployment/stuck';
import { onApproved, rejectionRecorded } from '../domain/deployment/approvals';
import { isDeployedLine, startDeployment, type DeployedLine, type EndpointSnapshot } from '../domain/deployment/start';
import {
  emptyDeploymentState,
  type Deployment,
  type DeploymentDecision,
  type DeploymentState,
  type VariantScaling,
} from '../domain/deployment/state';
import { deploymentKey } from '../state/store';
import { Decider, type DeciderDeps } from './decider';
import type { Recovery } from './errors';
import { EdgeBuilds } from './edge';
import { perform, type Effects } from './effects';
import { lookMinutes } from './look-minutes';

export interface DeploymentDeps extends DeciderDeps, Omit<Effects, 'releaseRun'> {
  cloudwatch: CloudWatchAdapter;
}

const MOVED_ON = 'deployment moved on while the endpoint was looked up';
const ENDPOINT_REQUESTS = new Set([
  'createEndpoint',
  'updateEndpoint',
  'updateWeights',
  'createEndpointConfig',
  'createModel',
]);

// An endpoint operation takes minutes; one that has been quiet this long is looked up.
const STALLED_MS = 15 * 60_000;

/** A request AWS refuses for good ends the deployment it belongs to (shared/domain/deployment/failure.ts). */
const recovery = (line: DeployedLine): Recovery<DeploymentState> => ({
  empty: emptyDeploymentState(line.deployment.endpointName),
  onPermanent: (s, action, error, now) => onPermanentFailure(s, line, action, `${error.name}: ${error.message}`, now),
});

/** Deployments and edge builds of each model line, on the same read–decide–write–perform path as retraining. */
export class DeploymentService {
  private readonly decider: Decider;
  private readonly edge: EdgeBuilds;
  private readonly fx: Effects;

  constructor(private readonly deps: DeploymentDeps) {
    this.edge = new EdgeBuilds(deps);
    const fx: Effects = { ...deps, releaseRun: async () => undefined };
    this.fx = fx;
    this.decider = new Decider(deps, async (action) => {
      const endpoint =
        action.type === 'updateWeights'
          ? action.request.EndpointName
          : action.type === 'updateEndpoint' || action.type === 'createEndpoint'
            ? action.endpointName
            : undefined;
      if (endpoint) {
        const { state } = await deps.store.get(deploymentKey(endpoint), emptyDeploymentState(endpoint));
        if (!stillWanted(state, action)) {
          const deployment = state.active?.id;
          return deps.logger.warn('stale endpoint request skipped', { endpoint, action: action.type, deployment });
        }
      }
      return perform(action, fx);
    });
  }

  /** `recover: false`: a refused request is thrown to the caller and left in the outbox (see decide()). */
  private applyDeployment(
    line: DeployedLine,
    decide: (state: DeploymentState, now: Date) => DeploymentDecision,
    recover = true,
  ) {
    const endpoint = line.deployment.endpointName;
    const { empty, onPermanent } = recovery(line);
    const opts = recover ? { onPermanent } : {};
    return this.decider.apply(deploymentKey(endpoint), empty, decide, { model: line.name, endpoint }, opts);
  }

  /** The endpoint before a deployment, with the serving variant's autoscaling, which the candidate inherits. */
  private async snapshot(endpoint: string): Promise<EndpointSnapshot> {
    const snap = await this.deps.hosting.describeEndpoint(endpoint);
    if (!snap.serving || snap.serving.serverless) return snap;
    const scaling = await this.deps.autoscaling.variantScaling(endpoint, snap.serving.variant);
    return scaling ? { ...snap, serving: { ...snap.serving, scaling } } : snap;
  }

  /** A Rejected package: recorded on the line's timeline. */
  async rejected(line: ModelLine, arn: string, why: string | undefined, at: string): Promise<string> {
    await perform(rejectionRecorded(line.name, arn, why, at), this.fx);
    return 'rejection recorded';
  }

  /** An Approved package: deploy it (or queue it) and start its edge builds. */
  async approved(line: ModelLine, arn: string, at: string): Promise<string> {
    const pkg = await this.deps.hosting.approvedPackage(arn, at);
    let outcome = 'no deployment configured';
    if (isDeployedLine(line)) {
      const endpoint = await this.snapshot(line.deployment.endpointName);
      const alarms = await this.startGate(line, endpoint);
      const decision = await this.applyDeployment(line, (s, now) => onApproved(s, line, pkg, endpoint, now, alarms));
      outcome = decision.log.message;
    }
    if (line.edgeTargets.length) await this.edge.approved(line, pkg);
    return outcome;
  }

  /**
   * An endpoint changed: what SageMaker says now (not what the event said) moves the deployment on. While
   * Shepherd's own requests to the endpoint are pending, what it serves proves nothing (a slow UpdateEndpoint
   * must not read as a silent rollback); and an observation is used only if the deployment did not move
   * between the look-up and the decision.
   */
  async endpointChanged(line: DeployedLine): Promise<string> {
    const endpoint = line.deployment.endpointName;
    const key = deploymentKey(endpoint);
    const leftovers = (await this.deps.store.get(key, emptyDeploymentState(endpoint))).outbox;
    await this.decider.finishLeftovers(key, leftovers, recovery(line));
    for (let look = 1; look <= 3; look++) {
      const { state, outbox } = await this.deps.store.get(key, emptyDeploymentState(endpoint));
      if (outbox.some((entry) => ENDPOINT_REQUESTS.has(entry.action.type)))
        return 'waiting for pending endpoint requests';
      const snap = await this.deps.hosting.describeEndpoint(endpoint);
      const observed = {
        status: snap.exists ? (snap.status ?? 'Unknown') : 'Deleted',
        ...(snap.configName ? { configName: snap.configName } : {}),
        ...(snap.failureReason ? { failureReason: snap.failureReason } : {}),
      };
      // Ending this deployment may start the queued one, which the abort alarms can hold back.
      const alarms = state.queued ? await this.deps.cloudwatch.alarmStates(line.deployment.abortAlarms) : [];
      const decision = await this.applyDeployment(line, (s, now) =>
        s.version === state.version ? onEndpointObserved(s, line, observed, now, alarms) : nothing(MOVED_ON),
      );
      if (decision.log.message !== MOVED_ON) return decision.log.message;
    }
    return MOVED_ON;
  }

  /** One of the line's abort alarms went into ALARM: its canary fails now, in this invocation. */
  async abortAlarm(line: DeployedLine, alarmName: string): Promise<string> {
    return (await this.applyDeployment(line, (s, now) => onAbortAlarm(s, line, alarmName, now))).log.message;
  }

  /** The abort alarms' states before a canary starts (a first model on a new endpoint is never held back). */
  private startGate(line: DeployedLine, endpoint: EndpointSnapshot): Promise<AlarmState[]> {
    return endpoint.exists ? this.deps.cloudwatch.alarmStates(line.deployment.abortAlarms) : Promise.resolve([]);
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

  /**
   * A human's word on the deployment in progress (`deploymentId`: only if it is still that one), recorded with who
   * and why. The decision carries no state when nothing could be done (shared/domain/deployment/human.ts). Its
   * requests are made with the caller's credentials (the CLI's user): one refused is thrown to the caller, not taken
   * as the deployment's failure; it stays in the outbox, and the reconciler makes it with the function's role.
   */
  async decide(
    line: DeployedLine,
    choice: HumanChoice,
    who: string,
    why: string,
    deploymentId?: string,
  ): Promise<DeploymentDecision> {
    const endpoint = line.deployment.endpointName;
    const { state } = await this.deps.store.get(deploymentKey(endpoint), emptyDeploymentState(endpoint));
    const scaling = state.active ? await this.baselineScaling(line, state.active) : undefined;
    const decide = (s: DeploymentState, now: Date) =>
      onHumanDecision(s, line, choice, who, why, now, scaling, deploymentId);
    return this.applyDeployment(line, decide, false);
  }

  /**
   * The baseline's autoscaling as registered now (null: none), read just before a promotion may remove it. A
   * replacement's baseline no longer serves, and its scaling is not carried over (see finish()).
   */
  private async baselineScaling(line: DeployedLine, active: Deployment): Promise<VariantScaling | null | undefined> {
    if (!active.baseline || active.baseline.serverless || active.kind === 'replace') return undefined;
    return (await this.deps.autoscaling.variantScaling(line.deployment.endpointName, active.baseline.variant)) ?? null;
  }

  /** Judges bakes that are due, looks up quiet endpoint operations, starts a queued approval, polls Neo builds. */
  async reconcile(line: ModelLine): Promise<void> {
    if (isDeployedLine(line)) await this.reconcileDeployment(line);
    if (line.edgeTargets.length) await this.edge.reconcile(line);
  }

  private async reconcileDeployment(line: DeployedLine): Promise<void> {
    const key = deploymentKey(line.deployment.endpointName);
    const { state, outbox } = await this.deps.store.get(key, emptyDeploymentState(line.deployment.endpointName));
    await this.decider.finishLeftovers(key, outbox, recovery(line));
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
    }
  }

  /**
   * Says once when the active deployment stays far longer than its settings allow (domain/deployment/stuck.ts);
   * writes only then, or when a status is first seen. `state` as read at the tick's start, to skip a write.
   */
  private async watch(line: DeployedLine, state: DeploymentState): Promise<void> {
    if (!watchDeployment(state, line, [], this.deps.clock()).state) return;
    const key = deploymentKey(line.deployment.endpointName);
    const { outbox } = await this.deps.store.get(key, emptyDeploymentState(line.deployment.endpointName));
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
    const current = (state: DeploymentState) =>
      state.active?.id === canary.id && state.active.status === 'baking' && state.active.step === canary.step;
    await this.applyDeployment(line, (s, at) =>
      current(s) ? onJudged(s, line, verdict, at, scaling) : nothing('judgement superseded'),
    );
  }
}
