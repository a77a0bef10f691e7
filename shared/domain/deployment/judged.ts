import type { Action } from '../actions';
import { nothing, record } from '../decisions';
import { heldForHuman } from '../approval/held';
import type { StackTarget } from '../cli-command';
import { alert } from '../notify';
import { promote, rollBack, withActive, withBaselineNow } from './exits';
import { keep } from './replace';
import type { Judgement } from './judge-types';
import { judgementTable, keptReasons } from './judge-format';
import { weightsRequest } from './requests';
import type { DeployedLine } from './line';
import type { DeploymentDecision } from './decision';
import type { DeploymentState, VariantScaling } from './state';
import { MINUTE_MS } from './window';

/**
 * A look at the bake: a failure rolls back at once; at the bake's end the verdict moves on, bakes longer or rolls
 * back. `stack`: the stack deciding, which the commands of a canary held for a human name. `scaling` and
 * `baselineInstances`: the baseline's autoscaling and instance count read for a pass, which size the next step.
 */
export function onJudged(
  state: DeploymentState,
  line: DeployedLine,
  judgement: Judgement,
  now: Date,
  stack: StackTarget,
  scaling?: VariantScaling | null,
  baselineInstances?: number,
): DeploymentDecision {
  const active = state.active;
  if (active?.status !== 'baking') return nothing('no canary baking');
  if (judgement.outcome === 'continue') {
    return nothing('no harm shown yet: the bake goes on', { look: judgement.evidence.tests?.look });
  }
  const settings = line.deployment;
  const at = now.toISOString();
  const table = judgementTable(judgement);
  const reasons = judgement.reasons.join('; ');
  const judged = {
    ...active,
    evidence: table,
    judgements: [
      ...active.judgements,
      {
        at,
        step: active.step,
        weight: active.weight,
        outcome: judgement.outcome,
        reasons: keptReasons(judgement.reasons),
      },
    ],
  };
  const judgedState = withActive(state, judged);
  const replaced = active.kind === 'replace';
  const where = replaced ? `against ${active.baseline!.variant} before the switch` : `at ${active.weight} %`;
  const evidence = record(
    line.name,
    at,
    `judged-${active.id}-${active.step}-${active.judgements.length}`,
    'CanaryJudged',
    `${judgement.outcome} ${where}: ${reasons}`,
    { evidence: judgement.evidence, table },
  );
  if (judgement.outcome === 'fail') {
    return rollBack(judgedState, line, `the judge failed the candidate ${where}: ${reasons}`, now, [evidence]);
  }
  if (judgement.outcome === 'inconclusive') {
    if (active.bakeExtensions < settings.maxBakeExtensions) {
      const next = new Date(now.getTime() + settings.bakeMinutes * MINUTE_MS).toISOString();
      return {
        state: withActive(judgedState, { ...judged, bakeExtensions: active.bakeExtensions + 1, nextActionAt: next }),
        actions: [evidence],
        metrics: [],
        log: { message: 'inconclusive: baking longer', data: { until: next } },
      };
    }
    if (settings.onInconclusive === 'rollback') {
      const reason = `still inconclusive after ${active.bakeExtensions} extension(s): ${reasons}`;
      return rollBack(judgedState, line, reason, now, [evidence]);
    }
    const serves = replaced ? `it keeps serving all of ${settings.endpointName}` : `it is held at ${active.weight} %`;
    const what = replaced ? 'replacement' : 'canary';
    const held = `The ${what} of ${active.package.arn} stayed inconclusive; ${serves}. Abort or promote it.`;
    const title = `${what} on ${settings.endpointName} held: a human decides`;
    const facts = { Why: reasons, Evidence: `\n${judgementTable(judgement)}` };
    return {
      state: withActive(judgedState, { ...judged, status: 'held', nextActionAt: undefined, reason: 'inconclusive' }),
      actions: [
        evidence,
        {
          type: 'notify',
          notification: heldForHuman(line, active, alert(line.name, 'warning', title, held, facts), stack),
        },
      ],
      metrics: [],
      log: { message: 'canary held for a human' },
    };
  }
  if (replaced) {
    const reason = `passed ${judged.judgements.length} judgement(s) ${where}`;
    return keep(judgedState, line, reason, now, [evidence], judgement.evidence.alarms);
  }
  const passed: Action[] = [
    evidence,
    {
      type: 'publishEvent',
      detailType: 'Canary Step Passed',
      detail: {
        model: line.name,
        endpoint: settings.endpointName,
        deploymentId: active.id,
        modelPackageArn: active.package.arn,
        weight: active.weight,
        step: active.step,
      },
    },
  ];
  const next = settings.canarySteps[active.step + 1];
  if (next === undefined || next >= 100) {
    return { ...promote(judgedState, line, now, passed, scaling, baselineInstances), metrics: ['CanaryStepsPassed'] };
  }
  const shifting = {
    ...withBaselineNow(judged, scaling, baselineInstances),
    status: 'shifting' as const,
    step: active.step + 1,
    weight: next,
    nextActionAt: undefined,
    lastHeardAt: at,
    requestedAt: at,
  };
  return {
    state: withActive(judgedState, shifting),
    actions: [
      ...passed,
      {
        type: 'updateWeights',
        request: weightsRequest(settings.endpointName, shifting.baseline!, active.candidate, settings, next),
      },
    ],
    metrics: ['CanaryStepsPassed'],
    log: { message: 'canary step passed', data: { from: active.weight, to: next } },
  };
}
