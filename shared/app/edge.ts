import type { ApprovedPackagesAdapter } from '../aws/sagemaker-packages';
import type { ModelLine } from '../config/schema';
import type { ApprovedPackage } from '../domain/deployment/state';
import {
  emptyEdgeState,
  onCompilationGone,
  onCompilationObserved,
  onCompilationRefused,
  type EdgeDecision,
  type EdgeState,
  watched,
} from '../domain/edge/builds';
import { edgeApproval } from '../domain/edge/superseded';
import { onPackageRejected, onWithdrawnObserved } from '../domain/edge/withdrawn';
import { edgeKey } from '../state/keys';
import { EDGE_ITEM } from '../state/kinds/edge';
import { Decider, type DeciderDeps } from './decider';
import type { Recovery } from './errors';
import type { Performs } from './grants';
import { noTrainingHooks, perform, type Effects, type TrainingHooks } from './effects';
import { unheardApproval } from './lost-approvals';

export interface EdgeDeps extends DeciderDeps, Omit<Effects, TrainingHooks> {
  /** The registry's approved packages, for an approval whose event was lost. */
  packages: ApprovedPackagesAdapter;
}

/** A build SageMaker refuses to start for good failed (shared/domain/edge/builds.ts). */
const recovery = (line: ModelLine): Recovery<EdgeState> => ({
  empty: emptyEdgeState(line.name),
  kind: EDGE_ITEM,
  onPermanent: (state, action, error, now) =>
    onCompilationRefused(state, line, action, `${error.name}: ${error.message}`, now),
});

/** The Neo builds of each model line's approved models, on the same read–decide–write–perform path. */
export class EdgeBuilds {
  private readonly decider: Decider;

  constructor(private readonly deps: EdgeDeps) {
    const fx: Effects = { ...deps, ...noTrainingHooks };
    this.decider = new Decider(deps, (action) => perform(action, fx));
  }

  /** `finishLeftovers: false` for the reconciler's look-ups: its pass tried the leftovers once already. */
  private apply(line: ModelLine, decide: (state: EdgeState, now: Date) => EdgeDecision, finishLeftovers = true) {
    const { empty, onPermanent } = recovery(line);
    return this.decider.apply(
      edgeKey(line.name),
      empty,
      EDGE_ITEM,
      decide,
      { model: line.name },
      { onPermanent, finishLeftovers },
    );
  }

  /**
   * An approved package: one build per edge target, none if a newer approval is built, anew if a rejection withdrew
   * its builds (../domain/edge/superseded.ts). `finishLeftovers: false` for the reconciler's (see apply).
   */
  async approved(line: ModelLine, pkg: ApprovedPackage, finishLeftovers = true): Promise<void> {
    await this.apply(line, (s, now) => edgeApproval(s, line, pkg, now), finishLeftovers);
  }

  /** A rejected package: its builds in flight are withdrawn (none of its artifacts announced), their jobs stopped. */
  async rejected(line: ModelLine, arn: string, rejectedAt?: string): Promise<void> {
    await this.apply(line, (s, now) => onPackageRejected(s, line.name, arn, now, rejectedAt));
  }

  /**
   * SageMaker emits no event for compilation jobs: the builds in flight, and the withdrawn ones whose job is not yet
   * seen stopping, are looked up. What fails, a leftover, a
   * build's look-up (throttled, SageMaker's own error) or its decision, stops none of the rest of the pass: the first
   * failure is thrown at its end, so it is seen, and the work is retried by the next pass. `performs`: the leftovers
   * the reconciler's role is granted (./grants.ts).
   */
  async reconcile(line: ModelLine, performs?: Performs): Promise<void> {
    const key = edgeKey(line.name);
    const { state, outbox } = await this.deps.store.get(key, emptyEdgeState(line.name), EDGE_ITEM);
    let failed: { err: unknown } | undefined;
    const keepFirst = (err: unknown) => {
      failed ??= { err };
    };
    await this.decider.finishLeftovers(key, outbox, recovery(line), performs).catch(keepFirst);
    // A build whose CreateCompilationJob was still to be sent when the item was read is not looked up: SageMaker
    // would not know it yet, which is not its job gone.
    const unsent = new Set(
      outbox.flatMap(({ action }) =>
        action.type === 'createCompilationJob' ? [action.request.CompilationJobName] : [],
      ),
    );
    for (const build of watched(state).filter((candidate) => !unsent.has(candidate.name))) {
      await this.lookUp(line, build.name).catch(keepFirst);
    }
    // An approval whose event was lost (shared/app/lost-approvals.ts): its builds start now, the leftovers tried
    // once already in this pass. A failed registry look-up is kept like the rest, not put in place of the first.
    // A package superseded for the edge is remembered in `recent` (../domain/edge/superseded.ts): handled too.
    const handled = [...state.builds.map((build) => build.modelPackageArn), ...state.recent];
    const pkg = await unheardApproval(this.deps.packages, line.modelPackageGroup, this.deps.clock(), handled).catch(
      keepFirst,
    );
    if (pkg) await this.approved(line, pkg, false).catch(keepFirst);
    if (failed) throw failed.err;
  }

  /** One build as SageMaker describes it now: its own look-up, which holds back no other build's. */
  private async lookUp(line: ModelLine, name: string): Promise<void> {
    const seen = await this.deps.neo.describeCompilationJob(name);
    const decide = (s: EdgeState, now: Date) => {
      if (s.builds.find((build) => build.name === name)?.status === 'WITHDRAWN')
        return onWithdrawnObserved(s, name, seen?.status, now);
      return seen ? onCompilationObserved(s, line, seen, now) : onCompilationGone(s, line, name, now);
    };
    await this.apply(line, decide, false);
  }
}
