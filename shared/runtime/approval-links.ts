// The approval link service of the approvalLink function: the signing key from Secrets Manager, the link uses in
// the state table, the Model Registry, and the operator's human actions (shared with the CLI) to act.
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { ApprovalLinkService } from '../app/approval-links';
import * as LEFTOVER_GRANTS from '../app/leftover-grants';
import { Operator } from '../app/operator';
import { PackageReviewAdapter } from '../aws/model-package-review';
import { retrying } from '../aws/retry';
import { now } from '../clock';
import { emptyDeploymentState } from '../domain/deployment/state';
import { LinkUses } from '../state/link-uses';
import { deploymentKey } from '../state/keys';
import { DEPLOYMENT_ITEM } from '../state/kinds/deployment';
import { documents, hosting, registry, store } from './clients';
import { reportVanishedUse } from './corrupt';
import { deploymentDecisions } from './deployments';
import { env, stack } from './env';
import { lazy } from './lazy';
import { lineNamed } from './lines';
import { serviceDeps } from './service-deps';
import { signingKeys } from './signing';

export const approvalLinks = /* @__PURE__ */ lazy(() => {
  const keys = signingKeys();
  if (!keys) throw new Error('APPROVAL_KEY_SECRET is not set: approvalLink cannot check any link');
  // A link decides in the registry; it never trains. Scaling is the deployment decisions' own.
  const reached = { registry: registry(), hosting: hosting() };
  // The link's own role: a package decision's leftovers are taken on as approvalLink's grants say.
  const deps = { ...serviceDeps(reached), performs: LEFTOVER_GRANTS.approvalLink };
  const operator = new Operator({ ...deps, deployments: deploymentDecisions() });
  return new ApprovalLinkService({
    keys,
    uses: new LinkUses(documents(), env.TABLE_NAME),
    packages: new PackageReviewAdapter(new SageMakerClient(retrying())),
    lineNamed,
    deploymentState: async (endpoint) =>
      (await store().get(deploymentKey(endpoint), emptyDeploymentState(endpoint), DEPLOYMENT_ITEM)).state,
    operator,
    useVanished: reportVanishedUse,
    clock: now,
    stack,
  });
});
