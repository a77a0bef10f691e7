// The canary's targets (issue 7) and the judge beside a static-threshold alarm (issue 12), on seeded whole-rollout
// simulations (the driver of test/unit/canary-rollouts). Each rollout has a seed of its own, so the judge and the alarm
// meet identical candidates: rollout k of a case serves both the same traffic until their decisions part.
import {
  quantile,
  simulateRollouts,
  type Behaviour,
  type RolloutCase,
  type RolloutTally,
} from '../helpers/canary-simulation';
import { describePolicy, staticAlarmDecide, type StaticAlarmPolicy } from '../helpers/static-alarm';
import { recordTrajectories, tuneStaticAlarm } from '../helpers/static-alarm-tuning';
import { figure, type Op, type Section } from './figures';

type Goal = [Op, number];

const HEALTHY: Behaviour = { errorRate: 0.01, latencyMs: 40 };
const BUSY = 1000;
const CASES = {
  identical: { requestsPerMinute: BUSY, baseline: HEALTHY, candidate: HEALTHY },
  threeTimes: { requestsPerMinute: BUSY, baseline: HEALTHY, candidate: { ...HEALTHY, errorRate: 0.03 } },
  severe: { requestsPerMinute: BUSY, baseline: HEALTHY, candidate: { ...HEALTHY, errorRate: 0.2 } },
  incident: {
    requestsPerMinute: BUSY,
    baseline: HEALTHY,
    candidate: HEALTHY,
    incident: { fromMinute: 7, errorRate: 0.03 },
  },
  quiet: { requestsPerMinute: 100, baseline: HEALTHY, candidate: { ...HEALTHY, errorRate: 0.03 } },
} satisfies Record<string, RolloutCase>;
const SEEDS = { identical: 11, threeTimes: 12, severe: 13, incident: 14, quiet: 15 };
export const SETTING = '1,000 req/min, steps 10/25/50 %, 15-min bakes, 1 % 5XX unless said';

const percent = (n: number, runs: number) => (100 * n) / runs;
const minutes = (seconds: number | undefined) => (seconds ?? Number.POSITIVE_INFINITY) / 60;

/** How soon a policy caught a bad candidate: the share caught, seconds from the first step, among those caught. */
function detection(bad: RolloutTally) {
  return {
    detectionRate: bad.rolledBack / bad.runs,
    p90DetectSeconds: quantile(bad.secondsFromFirstStep, 0.9) ?? null,
    medianDetectSeconds: quantile(bad.secondsFromFirstStep, 0.5) ?? null,
  };
}

export function canarySections(runs: number): { canary: Section<unknown>; judge: Section<unknown> } {
  const play = (name: keyof typeof CASES, policy?: StaticAlarmPolicy) =>
    simulateRollouts(CASES[name], runs, SEEDS[name], {
      seedEach: true,
      ...(policy ? { decide: staticAlarmDecide(policy) } : {}),
    });
  const [aa, bad, severe, incident, quiet] = (['identical', 'threeTimes', 'severe', 'incident', 'quiet'] as const).map(
    (name) => play(name),
  ) as [RolloutTally, RolloutTally, RolloutTally, RolloutTally, RolloutTally];
  const within = (t: RolloutTally, seconds: number) =>
    percent(t.secondsToRollback.filter((s) => s <= seconds).length, t.runs);
  const canary: Section<unknown> = {
    figures: [
      figure('canary', 'A/A: promoted', percent(aa.promoted, runs), '%', ['>=', 90]),
      figure('canary', '3x 5XX: out in the first step', within(bad, 900), '%', ['>=', 99]),
      figure('canary', '3x 5XX: to weight 0, median', minutes(quantile(bad.secondsToRollback, 0.5)), 'min', ['<=', 6]),
      figure('canary', '20 % 5XX: out within 2 min', within(severe, 120), '%', ['>=', 99]),
      figure('canary', 'incident on both: rolled back', percent(incident.rolledBack, runs), '%', ['<=', 1]),
      figure('canary', '3x at 100 req/min: promoted', percent(quiet.promoted, runs), '%', ['<=', 1]),
    ],
    json: { rollouts: runs, setting: SETTING },
  };

  // The alarm tuned on the same rollouts the judge met: at most the judge's false rollbacks, then most bad caught.
  const tuned = tuneStaticAlarm(
    recordTrajectories(CASES.identical, runs, SEEDS.identical),
    recordTrajectories(CASES.threeTimes, runs, SEEDS.threeTimes),
    aa.rolledBack,
  );
  const [staticAa, staticBad, staticSevere] = (['identical', 'threeTimes', 'severe'] as const).map((name) =>
    play(name, tuned.policy),
  ) as [RolloutTally, RolloutTally, RolloutTally];
  const falseRollbackRate = (t: RolloutTally) => t.rolledBack / t.runs;
  const judged = { falseRollbackRate: falseRollbackRate(aa), ...detection(bad), severe: detection(severe) };
  const alarmed = {
    falseRollbackRate: falseRollbackRate(staticAa),
    ...detection(staticBad),
    severe: detection(staticSevere),
  };
  const p90 = (o: { p90DetectSeconds: number | null }) => minutes(o.p90DetectSeconds ?? undefined);
  const rows = (who: string, o: typeof judged, goals: Record<'frr' | 'detected' | 'p90' | 'p90Severe', Goal>) => [
    figure('judge', `${who}: false rollbacks / rollout`, 100 * o.falseRollbackRate, '%', goals.frr),
    figure('judge', `${who}: 3x 5XX detected`, 100 * o.detectionRate, '%', goals.detected),
    figure('judge', `${who}: 3x 5XX p90 to detect`, p90(o), 'min', goals.p90),
    figure('judge', `${who}: 20 % 5XX p90 to detect`, p90(o.severe), 'min', goals.p90Severe),
  ];
  const judgeRows = rows('judge', judged, {
    frr: ['<=', 1],
    detected: ['>=', 99],
    p90: ['<=', 9],
    p90Severe: ['<=', 2],
  });
  // The alarm's goals are the judge's own figures: "met" says the judge did at least as well.
  const staticRows = rows('static alarm', alarmed, {
    frr: ['<=', 100 * judged.falseRollbackRate],
    detected: ['<=', 100 * judged.detectionRate],
    p90: ['>=', p90(judged)],
    p90Severe: ['>=', p90(judged.severe)],
  });
  const policy = describePolicy(tuned.policy);
  return {
    canary,
    judge: {
      figures: [...judgeRows, ...staticRows],
      json: {
        rollouts: runs,
        setting: SETTING,
        ...judged,
        static: { ...alarmed, policy: { ...tuned.policy, policy } },
      },
      notes: [
        `canary and judge: ${runs} seeded rollouts a case (${SETTING}); times from the step's start (canary) or the ` +
          `first step's (judge) to the weight-0 request; p90 to detect among the rollouts caught`,
        `static alarm tuned on the same rollouts: ${policy}, evaluated every minute of a bake; ` +
          `its goals are the judge's figures, so "met" means the judge did at least as well`,
      ],
    },
  };
}
