// The canary judge's contracts: what it is given, what it finds, and the constants its tests are held to.

export interface VariantWindow {
  variant: string;
  requests: number;
  errors: number;
  /** ModelLatency Average per minute, microseconds; minutes without requests are absent. */
  latencyPerMinute: number[];
  /** The requests of each minute of `latencyPerMinute`, which its mean over the requests weighs it by. */
  latencyRequests?: number[];
  custom?: Record<string, number[]>;
  /** Requests and errors minute by minute, when both sides' windows cover the same minutes in the same order. */
  countsPerMinute?: { requests: number; errors: number }[];
  /**
   * The requests the variant reported over the whole span, minutes the other side lacks included: a candidate that
   * served nothing leaves both paired windows empty, and only this tells the silent side from the busy one.
   */
  spanRequests?: number;
}
export interface CustomMetric {
  name: string;
  better: 'higher' | 'lower';
  margin: number;
}
export interface JudgeSettings {
  minRequests: number;
  errorRateMargin: number;
  /** The margin as a share of the baseline's rate; the larger of the two margins applies. */
  errorRateRelativeMargin?: number;
  latencyMargin: number;
  alpha: number;
  maxErrorRate?: number;
  maxLatencyMs?: number;
  customMetrics?: CustomMetric[];
}
export interface AlarmState {
  name: string;
  state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
}
export interface SideEvidence {
  requests: number;
  errors: number;
  errorRate: number;
  latencyMeanMs?: number;
  minutes: number;
}
export interface RankFinding {
  pValueWorse: number;
  pValueNotWorse?: number;
  shownWorse: boolean;
  shownNotWorse: boolean;
  /** Both sides held one value in every minute: equal, not worse, with no rank test to quote. */
  identical?: boolean;
}
export interface CustomFinding extends RankFinding {
  baselineMean?: number;
  candidateMean?: number;
  minutes?: { baseline: number; candidate: number };
}
/**
 * One look at a step's window: the how-many-th (its minutes), whether the bake is over (only then can it pass) and the
 * level each "shown worse" test is held to at this look (rollout-budget.ts splits the rollout's budget, sequential.ts
 * spends it over the looks).
 */
export interface Look {
  index: number;
  final: boolean;
  levels: { errorRate: number; other: number };
}
/** `continue`: an interim look found no harm; the bake goes on. */
export type Outcome = 'pass' | 'fail' | 'inconclusive' | 'continue';
export interface Judgement {
  outcome: Outcome;
  reasons: string[];
  evidence: {
    baseline: SideEvidence;
    candidate: SideEvidence;
    errorRate: {
      difference: number;
      upperBound: number;
      margin: number;
      pValueWorse: number;
      shownWorse: boolean;
      shownNotWorse: boolean;
      z?: number;
    };
    latency?: RankFinding & { ratio: number; margin: number };
    custom?: Record<string, CustomFinding>;
    alarms: AlarmState[];
    thresholds: JudgeSettings;
    /** The look and the levels its "shown worse" tests were held to. */
    tests?: { look: number; final: boolean; levels: Look['levels']; notWorseConfidence: number; materialShare: number };
  };
}

export const DEFAULT_JUDGE_SETTINGS: JudgeSettings = {
  minRequests: 500,
  errorRateMargin: 0.01,
  errorRateRelativeMargin: 1,
  latencyMargin: 0.2,
  alpha: 0.01,
};

/**
 * One-sided confidence of each "not worse" finding. It bounds stepping on a candidate exactly at the margin (the
 * change the margin accepts) to one window in ten; alpha bounds rolling back a good one. At 95 %, an upstream incident
 * that takes both variants from 1 % to 3 % errors leaves 2 % of identical candidates unproven after every extension
 * of a 10 % step, and rolled back for it; at 90 %, fewer than 1 %.
 */
export const NOT_WORSE_CONFIDENCE = 0.9;
/**
 * "Shown worse" also needs the observed change to be material: more than the line's margin, the change the margin
 * says a candidate may make and still pass. On a busy endpoint a rank test over per-minute means finds a 1 % latency
 * shift significant, and with a look every minute an identical candidate trips a level now and then; neither is a
 * reason to roll back a model the margin accepts. A candidate at 3x the 5XX rate (+2 pt against a 1-point margin)
 * is shown worse and over the margin long before its bake ends.
 */
export const MATERIAL_SHARE = 1;
/**
 * Absolute limits and "shown worse" wait for this many candidate requests: one unlucky request is a 100 % error
 * rate, and two errors in the first four requests of a step are as likely as the level a look may spend.
 */
export const MIN_REQUESTS_FOR_LIMITS = 20;
/** Minutes of per-minute data each side needs for a rank test to run, and to pass. */
export const MIN_MINUTES_TO_TEST = 3;
export const MIN_MINUTES_TO_PASS = 5;
