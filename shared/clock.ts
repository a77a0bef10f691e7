// The time Shepherd's decisions use. Lambda always runs on the wall clock; the local cloud (`npm start`)
// swaps in its accelerated clock so a day of schedules, quiet periods and cooldowns passes in a minute.
let source: () => Date = () => new Date();

export const now = (): Date => source();

export function useClock(clock: () => Date): void {
  source = clock;
}
