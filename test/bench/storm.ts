// The event storm of issue 12, as `npm run bench` measures it: the local cloud's own counts.
import { playStorm } from '../helpers/storm';

export async function stormFigures(opts: { events: number; concurrency: number; quick?: boolean }): Promise<{
  events: number;
  uniqueObjects: number;
  trainings: number;
  exact: boolean;
  writesPerEvent: number;
  deadLetters: number;
  eventsPerSecond: number;
}> {
  const storm = await playStorm({ events: opts.events, concurrency: opts.concurrency, duplicateShare: 0.2 });
  const { events, uniqueObjects, trainings, exact, writesPerEvent, deadLetters, eventsPerSecond } = storm;
  return { events, uniqueObjects, trainings, exact, writesPerEvent, deadLetters, eventsPerSecond };
}
