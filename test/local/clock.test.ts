// The local cloud's clock: virtual time at `speed`, standing still while something holds it.
import { Timeline } from '../../local/core';
import { Clock } from '../../local/clock';
import { LambdaRuntime } from '../../local/lambda';
import { probe } from './fixtures/probe-handler';
import { stallWhileArmingTimers } from '../helpers/stalling-machine';

const START = new Date('2026-11-27T00:00:00Z');
const wall = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
