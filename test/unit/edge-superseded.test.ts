// An approval older than one the edge state already builds (delivered late, or racing): edge devices get the newest
// approved model, so the older one is not built.
import type { Action } from '../../shared/domain/actions';
import { emptyEdgeState, onApprovedForEdge, type EdgeState } from '../../shared/domain/edge/builds';
import { onPackageRejected } from '../../shared/domain/edge/withdrawn';
import { edgeApproval } from '../../shared/domain/edge/superseded';
import type { ApprovedPackage } from '../../shared/domain/deployment/state';
import { line } from '../helpers/config';
import { pkg } from '../helpers/deployment';
import { ofType } from '../helpers/actions';

const churn = line('churn');
const t = (minutes: number) => new Date(Date.parse('2026-11-27T02:00:00Z') + minutes * 60_000);
const jobNames = (actions: Action[]) =>
  ofType(actions, 'createCompilationJob').map((a) => a.request.CompilationJobName);
const approvedAt = (version: number, at: string): ApprovedPackage => ({ ...pkg(version), at });

/** v3, approved at 02:50, built for both targets. */
const v3Building = (): EdgeState =>
  onApprovedForEdge(emptyEdgeState('churn'), churn, approvedAt(3, '2026-11-27T02:50:00Z'), t(50)).state!;

describe('the edge builds of an approval superseded by a newer one', () => {
  it('starts none for a package approved before the newest the edge builds, and says so on the timeline', () => {
    // Act: v2's approval at 02:40 arrives after v3's
    const d = edgeApproval(v3Building(), churn, approvedAt(2, '2026-11-27T02:40:00Z'), t(55));

    // Assess
    expect(jobNames(d.actions)).toEqual([]);
    const [entry] = ofType(d.actions, 'record');
    expect(entry?.entry).toMatchObject({ type: 'EdgeBuildsSuperseded', message: expect.stringContaining(pkg(3).arn) });
    expect(d.state?.builds.filter((b) => b.modelPackageArn === pkg(2).arn)).toEqual([]);
  });

  it('starts none for a lower version approved in the same second', () => {
    // Act
    const d = edgeApproval(v3Building(), churn, approvedAt(2, '2026-11-27T02:50:00Z'), t(55));

    // Assess
    expect(jobNames(d.actions)).toEqual([]);
  });

  it('says so once when the superseded approval is delivered again', () => {
    // Prepare
    const said = edgeApproval(v3Building(), churn, approvedAt(2, '2026-11-27T02:40:00Z'), t(55)).state!;

    // Act
    const d = edgeApproval(said, churn, approvedAt(2, '2026-11-27T02:40:00Z'), t(56));

    // Assess
    expect(d.state).toBeUndefined();
    expect(d.actions).toEqual([]);
  });

  it('builds an older approval when the newer package was rejected and its builds withdrawn', () => {
    // Prepare
    const withdrawn = onPackageRejected(v3Building(), 'churn', pkg(3).arn, t(52), '2026-11-27T02:52:00Z').state!;

    // Act
    const d = edgeApproval(withdrawn, churn, approvedAt(2, '2026-11-27T02:40:00Z'), t(55));

    // Assess
    expect(jobNames(d.actions)).toHaveLength(2);
  });

  it('builds a newer approval as before', () => {
    // Act
    const d = edgeApproval(v3Building(), churn, approvedAt(4, '2026-11-27T02:55:00Z'), t(55));

    // Assess
    expect(jobNames(d.actions)).toHaveLength(2);
  });
});
