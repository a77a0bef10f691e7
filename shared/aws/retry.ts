// How every client retries throttling and transient errors before the error reaches Lambda's own retries.
import { MAXIMUM_RETRY_DELAY, StandardRetryStrategy } from '@smithy/core/retry';
import type { StandardRetryBackoffStrategy } from '@smithy/types';
import { timeSpeed } from '../clock';

const MAX_ATTEMPTS = 6;

/**
 * The SDK's own full-jitter exponential backoff (its base delays, its 20 s cap), shortened by the clock's
 * speed: on the local cloud a second of back-off is a blink of a scenario's time, as it is against AWS,
 * instead of holding a handler — and with it the virtual clock — for seconds. In Lambda the speed is 1.
 */
export class ClockBackoff implements StandardRetryBackoffStrategy {
  private base = 50;

  setDelayBase(delay: number): void {
    this.base = delay;
  }

  computeNextBackoffDelay(retries: number): number {
    return Math.floor((Math.random() * Math.min(this.base * 2 ** retries, MAXIMUM_RETRY_DELAY)) / timeSpeed());
  }
}

/** Client options: a retry strategy of its own per client, as the SDK's default is (its capacity is per client). */
export const retrying = () => ({
  retryStrategy: new StandardRetryStrategy({ maxAttempts: MAX_ATTEMPTS, backoff: new ClockBackoff() }),
});
