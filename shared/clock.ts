// The time Shepherd's decisions use. Lambda always runs on the wall clock; the local cloud (`npm start`)
// swaps in its accelerated clock so a day of schedules, quiet periods and cooldowns passes in a minute.
let source: () => Date = () => new Date();
let speed = 1;

export const now = (): Date => source();

/** How many times faster than the wall clock time passes: 1 in Lambda, the local cloud's speed there. */
export const timeSpeed = (): number => speed;

export function useClock(clock: () => Date, clockSpeed = 1): void {
  source = clock;
  speed = clockSpeed;
}
