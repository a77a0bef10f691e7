// Faults a scenario plants in the SageMaker API (`faults:`): the nth call of an operation answered with an error,
// as AWS refuses an invalid request, whatever the request asks.
import { AwsError, type Timeline } from '../core';

/**
 * The nth call of an operation (whatever resource it names), and `times` calls from it on (default: every later
 * one), answered with an error instead.
 */
export interface PlantedFault {
  operation: string;
  nth: number;
  times?: number;
  error: string;
  message: string;
}

export class PlantedFaults {
  private readonly calls = new Map<string, number>();

  constructor(
    private readonly faults: readonly PlantedFault[],
    private readonly timeline: Timeline,
  ) {}

  /** A planted fault answers before the operation runs, as AWS's validation does: nothing changes. */
  refuse(operation: string): void {
    const n = (this.calls.get(operation) ?? 0) + 1;
    this.calls.set(operation, n);
    const planted = (f: PlantedFault) => f.operation === operation && n >= f.nth && n < f.nth + (f.times ?? Infinity);
    const fault = this.faults.find(planted);
    if (!fault) return;
    this.timeline.log('sagemaker', `${operation} refused (planted, call ${n}): ${fault.error}: ${fault.message}`);
    const status = /^(InternalFailure|ServiceUnavailable)$/.test(fault.error) ? 500 : 400;
    throw new AwsError(fault.error, fault.message, status);
  }
}
