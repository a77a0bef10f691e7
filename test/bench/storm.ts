// Placeholder until the event-storm bench lands: `npm run bench` reports its section as an error row.
export async function stormFigures(opts: { events: number; concurrency: number; quick?: boolean }): Promise<{
  events: number;
  uniqueObjects: number;
  trainings: number;
  exact: boolean;
  writesPerEvent: number;
  deadLetters: number;
  eventsPerSecond: number;
}> {
  void opts;
  throw new Error('storm bench not built yet');
}
