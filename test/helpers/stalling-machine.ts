// A loaded machine, made repeatable: the process is descheduled as it arms a timer on the local cloud's clock, after
// its caller has read the time and before the clock reads it. At 100 000× a wall millisecond is 100 virtual seconds.
import type { Clock } from '../../local/clock';

/** Between stalls the wall clock runs this many times slower, so how fast the code runs (cold or not) is no stall. */
const SLOWER = 10;

/** Stalls `stallMs` of wall time as every other timer is armed on `clock`; returns the undo. */
export function stallWhileArmingTimers(clock: Clock, stallMs = 1): () => void {
  const read = performance.now.bind(performance);
  const from = read();
  let lost = 0;
  let armed = 0;
  const stall = () => {
    if (armed++ % 2 === 0) lost += stallMs;
  };
  const after = clock.after.bind(clock);
  const at = clock.at.bind(clock);
  const spies = [
    jest.spyOn(performance, 'now').mockImplementation(() => from + (read() - from) / SLOWER + lost),
    jest.spyOn(clock, 'after').mockImplementation((ms, fn) => {
      stall();
      return after(ms, fn);
    }),
    jest.spyOn(clock, 'at').mockImplementation((epochMs, fn) => {
      stall();
      return at(epochMs, fn);
    }),
  ];
  return () => {
    for (const spy of spies) spy.mockRestore();
  };
}
