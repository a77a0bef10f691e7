// Where the cost sweeps write on the timeline: no model line's, so no line may take its name (config/across-lines.ts).

/** The timeline of account-wide facts: sweeps and what they did. */
export const COST_TIMELINE = 'cost-sweep';
