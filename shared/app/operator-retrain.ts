// A human's request for a retraining: the CLI's alone. An approval link approves, rejects, promotes or aborts, never
// retrains, so approvalLink carries the operator without the retraining triggers.
import type { ModelLine } from '../config/schema';
import { onRetrainRequested, retrainOutcome } from '../domain/retraining/manual';
import type { HumanWord } from '../domain/registry/decision';
import { Operator, type OperatorDeps, type OperatorResult, refused } from './operator';
import type { RetrainingService } from './retraining';

export interface RetrainingOperatorDeps extends OperatorDeps {
  retraining: RetrainingService;
}

/** The operator of the `shepherd` CLI: every human action, a retraining too. */
export class RetrainingOperator extends Operator {
  private readonly retraining: RetrainingService;

  constructor(deps: RetrainingOperatorDeps) {
    super(deps);
    this.retraining = deps.retraining;
  }

  /** Asks for a retraining through the line's guards. `requestId`: unique per request, so a repeat starts one run. */
  async retrain(line: ModelLine, word: HumanWord, requestId: string): Promise<OperatorResult> {
    const request = { id: requestId, who: word.who, why: word.why };
    const decide: Parameters<RetrainingService['apply']>[1] = (s, now) => onRetrainRequested(s, line, request, now);
    const decision = await this.retraining.apply(line.name, decide, false);
    const said = retrainOutcome(decision);
    if (said.outcome === 'started') {
      return { outcome: 'done', message: `retraining started: ${said.runName}`, data: { runName: said.runName } };
    }
    if (said.outcome === 'refused') {
      const { reason, message, until } = said.refusal;
      const retry = until ? ` (a retraining can start from ${until})` : '';
      return refused(`retraining refused: ${message}${retry}`, { reason, ...(until ? { until } : {}) });
    }
    return { outcome: 'already', message: `retraining request ${requestId} was already handled` };
  }
}
