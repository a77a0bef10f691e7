// An abort or promote link whose SageMaker request AWS refuses the function: after the word was written it stands
// (the reconciler makes the request with its own role), and the page says so; refused before, nothing was decided.
import { callLink, deploymentClaims, resetSecrets, linkToken, pageNonce, urlRequest } from '../helpers/approval-links';
import { DescribeEndpointCommand, UpdateEndpointWeightsAndCapacitiesCommand } from '@aws-sdk/client-sagemaker';
import { sagemaker } from '../helpers/aws';
import { heldCanary } from '../helpers/canary';
import { createTable, deploymentItem } from '../helpers/dynamo';
import { resetHosting } from '../helpers/hosting';
import { freshWorld } from '../helpers/function-world';
import { accessDenied } from '../helpers/operator';

/** The page's POST of a link to `action` the held canary, after its GET. */
async function posted(action: 'abort' | 'promote', id: string) {
  const token = linkToken(deploymentClaims(action, id));
  const page = await callLink(urlRequest('GET', action, token));
  return callLink(urlRequest('POST', action, token, { nonce: pageNonce(page.body)! }));
}

beforeAll(createTable);
beforeEach(() => freshWorld({ alsoReset: [resetSecrets, resetHosting] }));

describe('an approval link whose SageMaker request AWS refuses', () => {
  it('says the abort is decided and recorded and who makes the request, refused after it was written', async () => {
    // Prepare
    const id = await heldCanary();
    sagemaker.on(UpdateEndpointWeightsAndCapacitiesCommand).rejects(accessDenied());

    // Act
    const done = await posted('abort', id);

    // Assess
    expect((await deploymentItem())!.active.status).toBe('draining');
    expect(done.statusCode).toBe(202);
    expect(done.body).toContain('churn-prod: the abort is decided and recorded (already rolling back: ');
    expect(done.body).toContain('AWS refused the approval link a request it needs (AccessDeniedException)');
    expect(done.body).toContain('reconciler makes it with its own role within a minute');
    expect(done.body).not.toContain('Nothing was decided');
    expect(done.body).not.toContain('not authorized');
  });

  it('says SageMaker refused the promote, and nothing was decided, when refused before it was written', async () => {
    // Prepare: the baseline's instances, which a promotion reads before deciding, cannot be read
    const id = await heldCanary();
    sagemaker.on(DescribeEndpointCommand).rejects(accessDenied());

    // Act
    const done = await posted('promote', id);

    // Assess
    expect((await deploymentItem())!.active.status).toBe('held');
    expect(done.statusCode).toBe(502);
    expect(done.body).toContain('SageMaker refused to promote it (AccessDeniedException)');
    expect(done.body).toContain('Nothing was decided');
  });
});
