// A function's reserved concurrency in the local Lambda runtime: at most so many invocations run at once, and the
// rest wait for a free execution environment in the order they came.
export class ConcurrencyLimit {
  private running = 0;
  /** The most invocations that ran at once. */
  peak = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly max = Number.POSITIVE_INFINITY) {}

  /** A free execution environment; the one returned is handed straight to the next in line. */
  async slot(): Promise<() => void> {
    if (this.running < this.max) {
      this.running++;
      this.peak = Math.max(this.peak, this.running);
    } else await new Promise<void>((resolve) => this.waiting.push(resolve));
    return () => {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    };
  }
}
