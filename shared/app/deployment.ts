import type { CloudWatchAdapter } from '../aws/cloudwatch';
import { nothing } from '../domain/decisions';
import type { AlarmState } from '../domain/deployment/judge-types';
import { onEndpointObserved } from '../domain/deployment/progress';
import type { DeployedLine, EndpointSnapshot } from '../domain/deployment/line';
import type { DeploymentDecision } from '../domain/deployment/decision';
import {
  emptyDeploymentState,
  type Deployment,
  type DeploymentState,
  type VariantScaling,
} from '../domain/deployment/state';
import type { ModelLine } from '../config/schema';
import { deploymentKey } from '../state/keys';
import { DEPLOYMENT_ITEM } from '../state/kinds/deployment';
import { Decider, type DeciderDeps } from './decider';
import { ENDPOINT_REQUESTS, performWanted, recovery } from './deployment-requests';
import { noTrainingHooks, perform, type Effects, type TrainingHooks } from './effects';
import { resourceGone, type EventSeen, type Gone } from '../domain/gone';

export interface DeploymentDeps extends DeciderDeps, Omit<Effects, TrainingHooks> {
  cloudwatch: CloudWatchAdapter;
}

const MOVED_ON = 'deployment moved on while the endpoint was looked up';
/**
 * Deployments of each model line, on the same read–decide–write–perform path as retraining: what every side of them
 * shares. Each side is a class of its own (deployment-events.ts, deployment-decisions.ts, deployment-watch.ts), as a
 * bundle carries every method of a class it uses: a function carries the side it calls, and its domain modules.
 */
export class DeploymentService {
  protected readonly decider: Decider;
  protected readonly fx: Effects;
  // Endpoints an update of which was skipped over someone else's (./deployment-requests.ts), to be looked at again.
  private readonly overtaken = new Set<string>();

  constructor(protected readonly deps: DeploymentDeps) {
    const fx: Effects = { ...deps, ...noTrainingHooks };
    this.fx = fx;
    // One endpoint, driven step after step: no request may overtake one that is stuck (./outbox-order.ts).
    this.decider = new Decider(
      deps,
      performWanted(deps, fx, (endpoint) => this.overtaken.add(endpoint)),
      'item',
    );
  }

  /** `recover: false`: a refused request is thrown to the caller and left in the outbox (see decide()). */
  protected async applyDeployment(
    line: DeployedLine,
    decide: (state: DeploymentState, now: Date) => DeploymentDecision,
    recover = true,
  ): Promise<DeploymentDecision> {
    const endpoint = line.deployment.endpointName;
    const { empty, onPermanent } = recovery(line);
    const opts = recover ? { onPermanent } : {};
    const context = { model: line.name, endpoint };
    const decision = await this.decider.apply(deploymentKey(endpoint), empty, DEPLOYMENT_ITEM, decide, context, opts);
    await this.lookIfOvertaken(line);
    return decision;
  }

  /**
   * An update skipped over someone else's: their update's own event may have come while it waited, and found the
   * deployment waiting for it. The endpoint is looked at now, as that event or the watcher would. True if it was;
   * a look that fails is logged and left to the watcher's look at a quiet endpoint.
   */
  protected async lookIfOvertaken(line: DeployedLine): Promise<boolean> {
    const endpoint = line.deployment.endpointName;
    if (!this.overtaken.delete(endpoint)) return false;
    try {
      await this.endpointChanged(line);
    } catch (error) {
      this.deps.logger.warn('endpoint not looked at again after its update was skipped', { endpoint, error });
    }
    return true;
  }

  /** The endpoint before a deployment, with the serving variant's autoscaling, which the candidate inherits. */
  protected async snapshot(endpoint: string): Promise<EndpointSnapshot> {
    const snap = await this.deps.hosting.describeEndpoint(endpoint);
    if (!snap.serving || snap.serving.serverless) return snap;
    const scaling = await this.deps.autoscaling.variantScaling(endpoint, snap.serving.variant);
    return scaling ? { ...snap, serving: { ...snap.serving, scaling } } : snap;
  }

  /** The line's timeline says once that the event's resource is gone. */
  protected async gone(line: ModelLine, event: EventSeen, reason: string): Promise<Gone> {
    const { entry, gone } = resourceGone(line.name, event, reason);
    await perform(entry, this.fx);
    return gone;
  }

  /**
   * An endpoint changed: what SageMaker says now (not what the event said) moves the deployment on. While
   * Shepherd's own requests to the endpoint are pending, what it serves proves nothing (a slow UpdateEndpoint
   * must not read as a silent rollback); and an observation is used only if the deployment did not move
   * between the look-up and the decision.
   */
  async endpointChanged(line: DeployedLine, event?: EventSeen): Promise<string | Gone> {
    const endpoint = line.deployment.endpointName;
    const key = deploymentKey(endpoint);
    const leftovers = (await this.deps.store.get(key, emptyDeploymentState(endpoint), DEPLOYMENT_ITEM)).outbox;
    await this.decider.finishLeftovers(key, leftovers, recovery(line));
    // A leftover update skipped over someone else's: the look below is the one it calls for.
    this.overtaken.delete(endpoint);
    for (let look = 1; look <= 3; look++) {
      const { state, outbox } = await this.deps.store.get(key, emptyDeploymentState(endpoint), DEPLOYMENT_ITEM);
      if (outbox.some((entry) => ENDPOINT_REQUESTS.has(entry.action.type)))
        return 'waiting for pending endpoint requests';
      const snap = await this.deps.hosting.describeEndpoint(endpoint);
      // Deleted (by hand, or by a stack) with no deployment on it: the event's news is gone with it. A deployment in
      // progress observes the deletion, which ends it failed.
      if (event && !snap.exists && !state.active)
        return this.gone(line, event, `endpoint ${endpoint} no longer exists`);
      const observed = {
        status: snap.exists ? (snap.status ?? 'Unknown') : 'Deleted',
        ...(snap.configName ? { configName: snap.configName } : {}),
        ...(snap.failureReason ? { failureReason: snap.failureReason } : {}),
        ...(snap.weights ? { weights: snap.weights } : {}),
        ...(snap.lastModified ? { lastModified: snap.lastModified } : {}),
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

  /** The abort alarms' states before a canary starts (a first model on a new endpoint is never held back). */
  protected startGate(line: DeployedLine, endpoint: EndpointSnapshot): Promise<AlarmState[]> {
    return endpoint.exists ? this.deps.cloudwatch.alarmStates(line.deployment.abortAlarms) : Promise.resolve([]);
  }

  /**
   * The baseline's autoscaling as registered now (null: none), read just before a promotion may remove it. A
   * replacement's baseline no longer serves, and its scaling is not carried over (see finish()).
   */
  protected async baselineScaling(line: DeployedLine, active: Deployment): Promise<VariantScaling | null | undefined> {
    if (!active.baseline || active.baseline.serverless || active.kind === 'replace') return undefined;
    return (await this.deps.autoscaling.variantScaling(line.deployment.endpointName, active.baseline.variant)) ?? null;
  }

  /** The instances a canary's baseline runs now (its autoscaling's doing): they size the next step or promotion. */
  protected async baselineInstances(line: DeployedLine, active: Deployment): Promise<number | undefined> {
    if (!active.baseline || active.baseline.serverless || active.kind === 'replace') return undefined;
    return this.deps.hosting.variantInstances(line.deployment.endpointName, active.baseline.variant);
  }
}
