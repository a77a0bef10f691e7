// The local cloud's accelerated clock: virtual time that every emulated service and the Lambda runtime share,
// with timers on it, standing still while a handler runs.
interface Timer {
  due: number;
  seq: number;
  fn: () => void;
  cancelled?: boolean;
}

/**
 * Virtual time runs `speed` times faster than the wall clock, from `start` — except while something holds
 * it, and never past a timer that has not run yet. The Lambda runtime holds it for as long as a handler runs,
 * so a handler costs no virtual time: on a loaded machine one wall second would otherwise be twenty virtual
 * minutes, and cooldowns, quiet periods and bakes would end or not depending on the machine's load rather than
 * on the scenario. A wall-clock timer that fires late (a stalled process, a long garbage collection) runs its
 * virtual timers at their own instants for the same reason, and time goes on from there.
 */
export class Clock {
  /** Virtual ms elapsed up to `since`. */
  private elapsed = 0;
  private since = performance.now();
  private holds = 0;
  private seq = 0;
  private timers: Timer[] = [];
  /** The earliest due of `timers`: virtual time waits there until that timer has run. */
  private nextDue = Infinity;
  private real: NodeJS.Timeout | undefined;

  constructor(
    readonly start: Date,
    readonly speed: number,
  ) {}

  now(): Date {
    return new Date(this.start.getTime() + this.virtual());
  }

  /** Starts virtual time over at `start`: booting the cloud must not eat the scenario's first minutes. */
  restart(): void {
    const shift = this.virtual();
    this.elapsed = 0;
    this.since = performance.now();
    for (const t of this.timers) t.due -= shift;
    this.arm();
  }

  /** Stops virtual time until the returned release is called (each hold is released once). */
  hold(): () => void {
    if (this.holds++ === 0) {
      this.elapsed = this.virtual(true);
      this.arm();
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.holds === 0) {
        this.since = performance.now();
        this.arm();
      }
    };
  }

  get held(): boolean {
    return this.holds > 0;
  }

  /** Runs `fn` once `virtualMs` of virtual time have passed. */
  after(virtualMs: number, fn: () => void): () => void {
    return this.arming(this.virtual() + Math.max(0, virtualMs), fn);
  }

  /**
   * Runs `fn` once virtual time reaches `epochMs` (at once if it has). Not `after(epochMs - now())`: the machine
   * may stall between reading the time and arming the timer, and at this speed the stall would move the timer by
   * minutes — past the next transition of the same job, which would then run first.
   */
  at(epochMs: number, fn: () => void): () => void {
    return this.arming(Math.max(this.virtual(), epochMs - this.start.getTime()), fn);
  }

  private arming(due: number, fn: () => void): () => void {
    const timer: Timer = { due, seq: this.seq++, fn };
    this.timers.push(timer);
    this.arm();
    return () => {
      // Also when it is already in the batch being fired: a timer due before it may cancel it.
      timer.cancelled = true;
      this.timers = this.timers.filter((t) => t !== timer);
      this.arm();
    };
  }

  /** Cancels everything still scheduled: the local cloud is shutting down. */
  stopAll(): void {
    this.timers = [];
    this.arm();
  }

  /** Resolves once `virtualMs` of virtual time have passed. */
  sleep(virtualMs: number): Promise<void> {
    return new Promise((resolve) => this.after(virtualMs, resolve));
  }

  /** `T+01:05:12`: virtual time since the start, for the timeline. */
  offset(at: Date = this.now()): string {
    const s = Math.max(0, Math.floor((at.getTime() - this.start.getTime()) / 1000));
    const pad = (n: number) => String(n).padStart(2, '0');
    return `T+${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  }

  /** `running` is for the moment a hold begins, when `holds` already counts it. */
  private virtual(running = this.holds === 0): number {
    if (!running) return this.elapsed;
    return Math.min(this.elapsed + (performance.now() - this.since) * this.speed, this.nextDue);
  }

  /** One wall-clock timer, for the earliest virtual deadline, and none while time is held. */
  private arm(): void {
    if (this.real) clearTimeout(this.real);
    this.real = undefined;
    // Read before the new earliest due is known: the time reached so far may not move back.
    const now = this.virtual();
    this.nextDue = this.timers.reduce((min, t) => Math.min(min, t.due), Infinity);
    if (this.holds > 0 || this.timers.length === 0) return;
    this.real = setTimeout(() => this.fire(), Math.max(0, (this.nextDue - now) / this.speed));
  }

  private fire(): void {
    this.real = undefined;
    const now = this.virtual();
    // However late this wall-clock timer is, time resumes from the instant reached, not from where the stall put it.
    if (this.holds === 0) {
      this.elapsed = now;
      this.since = performance.now();
    }
    const due = this.timers.filter((t) => t.due <= now).sort((a, b) => a.due - b.due || a.seq - b.seq);
    this.timers = this.timers.filter((t) => t.due > now);
    // Everything already due runs, even once a handler it starts holds the clock: it was due before.
    for (const t of due) {
      if (t.cancelled) continue;
      try {
        t.fn();
      } catch (err) {
        // Surfaces as an uncaught exception, as it did from its own timer, without losing the timers after it.
        setImmediate(() => {
          throw err;
        });
      }
    }
    this.arm();
  }
}
