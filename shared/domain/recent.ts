// What a state item remembers of what it already handled (trigger ids, job names, package ARNs), so that a late
// or repeated event is recognised as one after the work it started is over.

export const RECENT_LIMIT = 50;

/** Adds `ids` as the most recent, each once, keeping the last RECENT_LIMIT. */
export const remember = (recent: string[], ...ids: string[]): string[] => {
  // A run's job and run names are one name on its first attempt: it takes one place.
  const adding = [...new Set(ids)];
  return [...recent.filter((id) => !adding.includes(id)), ...adding].slice(-RECENT_LIMIT);
};
