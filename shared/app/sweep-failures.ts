// What a sweep could not read or do, kept against the resource it concerns: the report lists it as not swept.
export interface SweepFailure {
  resource: string;
  error: string;
}

/** An error as the report shows it. */
export const reasonOf = (err: unknown) => (err instanceof Error ? `${err.name}: ${err.message}` : String(err));
