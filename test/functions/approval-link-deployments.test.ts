// Promote and abort links of a canary held for a human: the page shows the deployment, the POST acts on it once,
// recorded with who and why, and a link about a deployment that moved on changes nothing.
import { callLink, deploymentClaims, resetSecrets, linkToken, pageNonce, urlRequest } from '../helpers/approval-links';
import {
  CreateCompilationJobCommand,
  CreateEndpointConfigCommand,
  UpdateEndpointWeightsAndCapacitiesCommand,
} from '@aws-sdk/client-sagemaker';
import { notificationsSent, sagemaker } from '../helpers/aws';
import { baselineScaledTo, neoBuildLeftover, heldCanary } from '../helpers/canary';
import { addLeftover, createTable, deploymentItem, putItem, timeline } from '../helpers/dynamo';
import { resetHosting } from '../helpers/hosting';
import { freshWorld } from '../helpers/function-world';

const weights = () => sagemaker.commandCalls(UpdateEndpointWeightsAndCapacitiesCommand).map((c) => c.args[0].input);

beforeAll(createTable);
beforeEach(() => freshWorld({ alsoReset: [resetSecrets, resetHosting] }));

describe('a canary held for a human', () => {
  it('shows the held deployment on GET; the page’s POST aborts it: candidate to weight 0, with who', async () => {
    // Prepare
    const id = await heldCanary();
    const token = linkToken(deploymentClaims('abort', id));

    // Act
    const page = await callLink(urlRequest('GET', 'abort', token));
    const before = weights().length;
    const done = await callLink(
      urlRequest('POST', 'abort', token, { nonce: pageNonce(page.body)!, reason: 'no traffic' }),
    );

    // Assess
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`${id}: canary held at 10 %`);
    expect(page.body).toContain('churn-models version 2');
    expect(before).toBe(0);
    expect(done.statusCode).toBe(200);
    expect(weights().at(-1)?.DesiredWeightsAndCapacities).toEqual(
      expect.arrayContaining([expect.objectContaining({ DesiredWeight: 0 })]),
    );
    expect((await deploymentItem())!.active.status).toBe('draining');
    const aborted = (await timeline('churn')).filter((e) => e.type === 'DeploymentAborted');
    expect(aborted.map((e) => e.message)).toEqual([
      expect.stringMatching(/^ml-leads@example\.com chose to abort: no traffic/),
    ]);
  });

  it('promotes on the link’s POST to no fewer instances than the baseline serves now', async () => {
    // Prepare: v1 started the canary on 2 instances and has scaled to 6 since
    const id = await heldCanary();
    baselineScaledTo(6);
    const token = linkToken(deploymentClaims('promote', id));
    const page = await callLink(urlRequest('GET', 'promote', token));

    // Act
    const done = await callLink(urlRequest('POST', 'promote', token, { nonce: pageNonce(page.body)! }));

    // Assess
    expect(done.statusCode).toBe(200);
    const configs = sagemaker.commandCalls(CreateEndpointConfigCommand).map((c) => c.args[0].input);
    expect(configs.at(-1)?.ProductionVariants).toEqual([
      expect.objectContaining({ VariantName: 'v2', InitialVariantWeight: 100, InitialInstanceCount: 6 }),
    ]);
  });

  it('refuses a promote link once the deployment was aborted, and one about another deployment', async () => {
    // Prepare
    const id = await heldCanary();
    const abort = linkToken(deploymentClaims('abort', id));
    const first = await callLink(urlRequest('GET', 'abort', abort));
    await callLink(urlRequest('POST', 'abort', abort, { nonce: pageNonce(first.body)! }));
    const changes = weights().length;

    // Act
    const promote = await callLink(urlRequest('GET', 'promote', linkToken(deploymentClaims('promote', id))));
    const other = await callLink(
      urlRequest('GET', 'promote', linkToken(deploymentClaims('promote', 'churn-prod-v9-000000'))),
    );

    // Assess
    expect(promote.statusCode).toBe(409);
    expect(promote.body).toContain('already draining');
    expect(other.statusCode).toBe(410);
    expect(weights()).toHaveLength(changes);
    expect((await deploymentItem())!.active.status).toBe('draining');
  });

  it('leaves a leftover Neo build of the endpoint, which its role is not granted, and still aborts', async () => {
    // Prepare: a Neo request its last writer could not perform, its lease long over
    const id = await heldCanary();
    const entry = neoBuildLeftover('2026-11-27T03:00:00Z');
    await addLeftover(entry);
    const token = linkToken(deploymentClaims('abort', id));
    const page = await callLink(urlRequest('GET', 'abort', token));

    // Act
    const done = await callLink(urlRequest('POST', 'abort', token, { nonce: pageNonce(page.body)! }));

    // Assess
    expect(done.statusCode).toBe(200);
    expect(sagemaker.commandCalls(CreateCompilationJobCommand)).toEqual([]);
    expect((await deploymentItem())!.active.status).toBe('draining');
    expect(Object.keys((await deploymentItem())!.outbox)).toContain(entry.id);
  });

  it('shows a damaged-record page and alerts the line when the deployment item is corrupt', async () => {
    // Prepare: the held canary's status edited by hand into one Shepherd never writes
    const id = await heldCanary();
    const item = (await deploymentItem())!;
    await putItem({ ...item, active: { ...item.active, status: 'paused' } });
    const changes = weights().length;

    // Act
    const page = await callLink(urlRequest('GET', 'abort', linkToken(deploymentClaims('abort', id))));

    // Assess
    expect(page.statusCode).toBe(500);
    expect(page.body).toContain('record is damaged');
    expect(notificationsSent().map((n) => n.Subject)).toContain(
      '[Shepherd] churn: state item ENDPOINT#churn-prod/DEPLOYMENT is corrupt: not acted on',
    );
    expect(weights()).toHaveLength(changes);
  });
});
