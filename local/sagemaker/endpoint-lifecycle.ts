// The life of an endpoint on the virtual clock: the default durations, the timers per endpoint, and the
// transitions every operation ends in as its plan (./endpoint-plan) scripts it — Failed, or the rollback that
// returns the endpoint InService on what served before — each announced by one `SageMaker Endpoint State Change`
// event and one timeline line.
import { envelope } from '../core';
import type { Endpoint } from './endpoint';
import { weightsLine, type LiveVariant } from './endpoint-variants';
import type { EndpointConfig } from './endpoint-configs';
import { EndpointHistory } from './endpoint-history';
import type { EndpointOperation, EndpointPlan, EndpointScript } from './endpoint-plan';
import type { Context } from './shared';

const MINUTE = 60_000;
export const DURATION: Record<EndpointOperation, number> = {
  CreateEndpoint: 8 * MINUTE,
  UpdateEndpoint: 8 * MINUTE,
  UpdateEndpointWeightsAndCapacities: 2 * MINUTE,
};
const ROLLBACK_MS = 2 * MINUTE;
export const DELETE_MS = MINUTE;
// In the order SageMaker's validation messages list them (not the SDK's alphabetical one).
export const STATUSES = [
  'OutOfService',
  'Creating',
  'Updating',
  'SystemUpdating',
  'RollingBack',
  'InService',
  'Deleting',
  'Failed',
  'UpdateRollbackFailed',
];
// The reasons SageMaker gives for a container that never turns healthy and for missing capacity: the defaults
// when a plan fails an operation without naming one.
export const ping = (c: EndpointConfig) =>
  `The primary container for production variant ${c.variants[0]?.VariantName ?? 'AllTraffic'} ` +
  'did not pass the ping health check. Please check CloudWatch logs for this endpoint.';
export const CAPACITY =
  'Unable to provision requested ML compute capacity due to InsufficientInstanceCapacity error. ' +
  'Please retry using a different ML instance type or after some time.';

export abstract class Lifecycle {
  private readonly timers = new Map<Endpoint, (() => void)[]>();
  readonly history: EndpointHistory;

  constructor(
    protected readonly ctx: Context,
    private readonly plan?: EndpointPlan,
    packageOf: (modelName: string) => string | undefined = () => undefined,
  ) {
    this.history = new EndpointHistory(packageOf);
  }

  /** Cancels every pending transition (the cloud is shutting down). */
  stopAll(): void {
    for (const e of this.timers.keys()) this.cancel(e);
  }

  protected forget(e: Endpoint): void {
    this.timers.delete(e);
  }

  protected fail(e: Endpoint, reason: string, t: number): void {
    e.failureReason = reason;
    e.move('Failed', t);
    this.announce(e, `: ${reason.split('\n')[0]!.slice(0, 120)}`);
  }

  /** A change accepted: Updating from its start (returned), with no failure reason left from the one before. */
  protected updating(e: Endpoint, note: string): number {
    const start = this.startOf(e);
    delete e.failureReason;
    e.move('Updating', start);
    this.announce(e, note);
    return start;
  }

  /** The change is made: InService on `e.configName`, serving what `e.variants` say. */
  protected served(e: Endpoint, t: number): void {
    e.move('InService', t);
    this.announce(e, ` on ${e.configName}: ${weightsLine(e.variants)}`);
  }

  /** Back to what served before; guarded deployments and weight changes pass RollingBack, a plain update does not. */
  protected rollBack(e: Endpoint, reason: string, t: number, viaRollingBack: boolean, what: string): void {
    const settle = (at: number) => {
      for (const v of e.variants)
        Object.assign(
          v,
          { DesiredWeight: v.CurrentWeight },
          v.CurrentInstanceCount !== undefined ? { DesiredInstanceCount: v.CurrentInstanceCount } : {},
        );
      e.failureReason = reason;
      e.move('InService', at);
      this.announce(e, ` on ${e.configName}: ${what} rolled back: ${reason.split('\n')[0]!.slice(0, 120)}`);
    };
    if (!viaRollingBack) {
      settle(t);
      return;
    }
    e.move('RollingBack', t);
    this.announce(e, `: ${what} failed`);
    this.at(e, t + ROLLBACK_MS, settle);
  }

  /** SageMaker took the call: it joins the history with the weights it asks for; the plan says how it ends. */
  protected accepted(
    e: Endpoint,
    operation: EndpointOperation,
    configName: string,
    asked: readonly LiveVariant[],
  ): EndpointScript {
    this.history.requested(e.name, operation, this.now(), asked);
    return this.plan?.({ endpointName: e.name, operation, configName }) ?? { outcome: 'InService' };
  }

  protected now(): number {
    return this.ctx.clock.now().getTime();
  }

  /**
   * When an operation on `e` starts: never before its last transition, which a timer may have stamped a little
   * ahead.
   */
  protected startOf(e: Endpoint): number {
    return Math.max(this.now(), e.lastModified);
  }

  /** Runs `fn` at virtual time `when`, not later by however long the machine stalls before the timer is armed. */
  protected at(e: Endpoint, when: number, fn: (t: number) => void): void {
    this.timers.set(e, [...(this.timers.get(e) ?? []), this.ctx.clock.at(when, () => fn(when))]);
  }

  protected cancel(e: Endpoint): void {
    for (const stop of this.timers.get(e) ?? []) stop();
    this.timers.set(e, []);
  }

  protected announce(e: Endpoint, note: string): void {
    this.ctx.emit(
      envelope(
        'aws.sagemaker',
        'SageMaker Endpoint State Change',
        e.eventDetail(this.ctx.tags.map(e.arn)),
        [e.arn],
        new Date(e.lastModified),
      ),
    );
    this.ctx.timeline.log('sagemaker', `endpoint ${e.name} ${e.status}${note}`);
    this.history.moved(e.name, e.status, e.lastModified, e.variants);
  }
}
