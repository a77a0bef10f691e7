// The local cloud's clock: virtual time at `speed`, standing still while something holds it.
import { Timeline } from '../../local/core';
import { Clock } from '../../local/clock';
import { LambdaRuntime } from '../../local/lambda';
import { probe } from './fixtures/probe-handler';
import { stallWhileArmingTimers } from '../helpers/stalling-machine';

const START = new Date('2026-11-27T00:00:00Z');
const wall = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const SPEED = 1200;

/** Keeps the event loop busy, as a loaded machine or a long garbage collection does. */
const stall = (wallMs: number) => {
  const until = performance.now() + wallMs;
  while (performance.now() < until);
};

/** Virtual ms since START. */
const since = (clock: Clock) => clock.now().getTime() - START.getTime();

/** When a timer due `virtualMs` after START ran, in virtual ms since START. */
const fired = (clock: Clock, virtualMs: number) =>
  new Promise<number>((resolve) => clock.at(START.getTime() + virtualMs, () => resolve(since(clock))));

describe('Clock', () => {
  let clock: Clock;
  beforeEach(() => {
    clock = new Clock(START, 1000);
  });
  afterEach(() => clock.stopAll());

  it('stands still while held, and runs what fell due after the release in the order it fell due', async () => {
    // Prepare
    const ran: string[] = [];
    // Minutes apart, so that a busy machine's milliseconds between the two calls (seconds, at this speed) cannot
    // reorder them.
    clock.after(300_000, () => ran.push('five minutes'));
    clock.after(1_000, () => ran.push('one second'));
    const release = clock.hold();
    const heldAt = clock.now().getTime();

    // Act
    await wall(30); // 30 virtual seconds, were the clock running
    const whileHeld = { now: clock.now().getTime(), ran: [...ran] };
    release();
    await clock.sleep(600_000);

    // Assess
    expect(whileHeld).toEqual({ now: heldAt, ran: [] });
    expect(ran).toEqual(['one second', 'five minutes']);
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(heldAt + 600_000);
  });

  it('keeps time still until the last of several holds is released, and ignores a second release', async () => {
    // Prepare
    const first = clock.hold();
    const second = clock.hold();
    const heldAt = clock.now().getTime();

    // Act
    first();
    first();
    await wall(20);
    const stillHeld = clock.held;
    const now = clock.now().getTime();
    second();

    // Assess
    expect(stillHeld).toBe(true);
    expect(now).toBe(heldAt);
    expect(clock.held).toBe(false);
  });

  it('never runs a cancelled timer', async () => {
    // Prepare
    const ran: string[] = [];
    const cancel = clock.after(1_000, () => ran.push('cancelled'));
    clock.after(2_000, () => ran.push('kept'));

    // Act
    cancel();
    await clock.sleep(5_000);

    // Assess
    expect(ran).toEqual(['kept']);
  });

  it('runs timers set for virtual instants in the order of those instants, however late each is armed', async () => {
    // Prepare
    const ran: string[] = [];
    const from = clock.now().getTime();
    const undo = stallWhileArmingTimers(clock, 40); // 40 virtual seconds at this speed, arming every other timer

    // Act
    clock.at(from + 60_000, () => ran.push('uploading'));
    clock.at(from + 80_000, () => ran.push('completed'));
    undo();
    await clock.sleep(300_000);

    // Assess
    expect(ran).toEqual(['uploading', 'completed']);
  });

  it('never runs a timer cancelled by one due before it, when a busy machine made both due at once', async () => {
    // Prepare
    const ran: string[] = [];
    let cancelStop = () => {};
    clock.after(1_000, () => {
      ran.push('stop requested');
      cancelStop();
    });
    cancelStop = clock.after(2_000, () => ran.push('completed'));

    // Act: the event loop is blocked past both deadlines
    const until = performance.now() + 10;
    while (performance.now() < until);
    await clock.sleep(5_000);

    // Assess
    expect(ran).toEqual(['stop requested']);
  });
});

describe('Clock on a stalled machine', () => {
  let clock: Clock;
  afterEach(() => clock.stopAll());

  it('runs a timer at its virtual instant however late the machine gets to it', async () => {
    // Prepare: at this speed the stall is ten virtual minutes, the timer is due after one.
    clock = new Clock(START, SPEED);
    const firedAt = fired(clock, 60_000);

    // Act
    stall(500);

    // Assess
    expect(await firedAt).toBe(60_000);
  });

  it('does not pass a timer still waiting to run, so a later one cannot overtake it', async () => {
    // Prepare
    clock = new Clock(START, SPEED);
    const order: string[] = [];
    clock.at(START.getTime() + 60_000, () => order.push(`first at ${since(clock)}`));
    stall(300);

    // Act: armed after the stall, from a now that has not passed the first timer.
    clock.after(1_000, () => order.push(`second at ${since(clock)}`));
    await fired(clock, 120_000);

    // Assess
    expect(order).toEqual(['first at 60000', 'second at 61000']);
  });

  it('goes on from the instant of the late timer, not from where the stall would have put it', async () => {
    // Prepare
    clock = new Clock(START, SPEED);
    const firedAt = fired(clock, 60_000);
    stall(500);
    await firedAt;

    // Act
    const after = since(clock);

    // Assess: a few wall milliseconds past the timer, not the 600 virtual seconds of the stall.
    expect(after).toBeGreaterThanOrEqual(60_000);
    expect(after).toBeLessThan(600_000);
  });

  it('runs at its speed while nothing is due', async () => {
    // Prepare
    clock = new Clock(START, SPEED);

    // Act
    stall(100);

    // Assess
    expect(since(clock)).toBeGreaterThanOrEqual(100 * SPEED);
  });
});

describe('LambdaRuntime on the clock', () => {
  it('runs a handler in no virtual time, however long it takes on the wall clock', async () => {
    // Prepare
    const clock = new Clock(START, 1000);
    const runtime = new LambdaRuntime({
      clock,
      timeline: new Timeline(clock, false),
      functions: [{ name: 'probe', handler: 'test/local/fixtures/probe-handler.handler', maximumRetryAttempts: 2 }],
    });
    runtime.load();
    const seen: number[] = [];
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    probe.run = async () => {
      seen.push(clock.now().getTime());
      await wall(50); // 50 virtual seconds on a running clock
      seen.push(clock.now().getTime());
      done();
    };

    // Act
    runtime.invokeAsync('probe', {});
    await finished;

    // Assess
    expect(seen[1]).toBe(seen[0]);
    clock.stopAll();
  });

  it(
    'fails a handler past its timeout on the wall clock, ' +
      'lets time run again and retries it a virtual minute later',
    async () => {
      // Prepare
      const clock = new Clock(START, 1000);
      const runtime = new LambdaRuntime({
        clock,
        timeline: new Timeline(clock, false),
        functions: [
          {
            name: 'probe',
            handler: 'test/local/fixtures/probe-handler.handler',
            maximumRetryAttempts: 2,
            timeoutSeconds: 0.05,
          },
        ],
      });
      runtime.load();
      const attempts: number[] = [];
      probe.run = async () => {
        attempts.push(clock.now().getTime());
        await wall(200);
        throw new Error('too late: the timeout has already failed this attempt');
      };

      // Act
      runtime.invokeAsync('probe', {});
      while (attempts.length < 2) await wall(10);

      // Assess
      expect(runtime.errors[0]).toEqual({
        function: 'probe',
        error: 'TimeoutError: Task timed out after 0.05 seconds',
        attempt: 0,
      });
      expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(60_000);
      clock.stopAll();
    },
  );
});
