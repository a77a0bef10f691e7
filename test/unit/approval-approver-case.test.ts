// An approver's address as the config spells it and as a link carries it may differ in case (the config edited to
// `ML-Leads@example.com` after links went to `ml-leads@example.com`): mail reaches the same person either way, so the
// link must not be refused as another address's.
import type { ModelLine } from '../../shared/config/schema';
import { openLink, type LinkReading } from '../../shared/app/approval-link-open';
import { checkLink, type SubjectNow } from '../../shared/domain/approval/check';
import { signToken } from '../../shared/domain/approval/token';
import { approvalClaims, KEY, LINK_NOW, LINK_PACKAGE } from '../helpers/approval-links';
import { emptyDeploymentState } from '../../shared/domain/deployment/state';
import type { LinkUses } from '../../shared/state/link-uses';

const NOW = new Date(LINK_NOW);
const ARN = LINK_PACKAGE;
const claims = approvalClaims('n0nce-abcdefghijklmnop');
const pending: SubjectNow = { kind: 'package', status: 'PendingManualApproval' };

describe('an approver’s address spelt in another case', () => {
  it('is the same approver when the link is checked', () => {
    // Act
    const check = checkLink(claims, ['ML-Leads@Example.COM'], pending, undefined);

    // Assess
    expect(check).toEqual({ ok: true, resumes: false });
  });

  it('has its link’s package read and offered for a decision', async () => {
    // Prepare: the line's config spells the address in capitals; the package waits for a decision
    const approval = { approvers: ['ML-Leads@example.com'] };
    const line = { name: 'churn', modelPackageGroup: 'churn-models', approval };
    const describe = jest.fn(async () => ({ arn: ARN, group: 'churn-models', status: pending.status, metadata: {} }));
    const deps: LinkReading = {
      keys: { honoured: async () => [KEY], reread: async () => undefined },
      uses: { get: async () => undefined } as unknown as LinkUses,
      packages: { describe, newestStanding: async () => ({ arn: ARN, status: pending.status }) } as never,
      lineNamed: () => line as unknown as ModelLine,
      deploymentState: async (endpoint) => emptyDeploymentState(endpoint),
      clock: () => NOW,
      stack: { local: true },
    };

    // Act
    const opened = await openLink(deps, 'approve', signToken(claims, KEY));

    // Assess
    expect(opened).toMatchObject({ check: { ok: true } });
    expect(describe).toHaveBeenCalledWith(ARN);
  });
});
