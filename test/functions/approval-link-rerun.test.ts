// A held canary's link acts only on the deployment attempt it was sent about: the same package deployed again on the
// endpoint (the first canary rolled back, the package approved again) has the same deployment id, but a link from
// the first hold must not decide the second. Once both runs ended, a link's page names how the latest one ended.
import {
  callLink,
  deploymentClaims,
  KEY,
  LINK_NOW,
  linkToken,
  pageNonce,
  resetSecrets,
  urlRequest,
} from '../helpers/approval-links';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateEndpointConfigCommand,
  UpdateEndpointCommand,
  UpdateEndpointWeightsAndCapacitiesCommand,
} from '@aws-sdk/client-sagemaker';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { formNonce } from '../../shared/domain/approval/token';
import { deploymentId } from '../../shared/domain/deployment/requests';
import { sagemaker } from '../helpers/aws';
import { bakingCanary } from '../helpers/canary';
import { createTable, deploymentItem, putItem } from '../helpers/dynamo';
import { describedPackage, packageArn, resetHosting } from '../helpers/hosting';
import { setClock } from '../helpers/events';
import { freshWorld } from '../helpers/function-world';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const FIRST_START = '2026-11-26T20:00:00.000Z';

/** v2's second canary on churn-prod, held for a human; its first, of the same id, rolled back before. */
async function heldRerun(): Promise<{ id: string; startedAt: string }> {
  await bakingCanary();
  const { id } = (await deploymentItem())!.active;
  const first = { id, modelPackageArn: packageArn(2), outcome: 'rolled_back', at: '2026-11-26T22:00:00.000Z' };
  await doc.send(
    new UpdateCommand({
      TableName: process.env.TABLE_NAME!,
      Key: { pk: 'ENDPOINT#churn-prod', sk: 'DEPLOYMENT' },
      UpdateExpression: [
        'SET active.#status = :held, active.reason = :why',
        'history = list_append(history, :first), version = version + :one',
      ].join(', '),
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':held': 'held', ':why': 'inconclusive', ':first': [first], ':one': 1 },
    }),
  );
  describedPackage(2);
  return { id, startedAt: (await deploymentItem())!.active.startedAt };
}

const endpointChanges = () => [
  ...sagemaker.commandCalls(UpdateEndpointWeightsAndCapacitiesCommand),
  ...sagemaker.commandCalls(CreateEndpointConfigCommand),
  ...sagemaker.commandCalls(UpdateEndpointCommand),
];

beforeAll(createTable);
beforeEach(() => freshWorld({ alsoReset: [resetSecrets, resetHosting] }));

describe('a held canary deployed again', () => {
  it('refuses the first hold’s abort link, on its page and its POST, and changes nothing', async () => {
    // Prepare
    const rerun = await heldRerun();
    const old = deploymentClaims('abort', rerun.id, FIRST_START);
    const token = linkToken(old);

    // Act
    const page = await callLink(urlRequest('GET', 'abort', token));
    const post = await callLink(urlRequest('POST', 'abort', token, { nonce: formNonce(old, KEY), reason: 'stale' }));

    // Assess
    const why =
      `this link was sent about an earlier deployment of churn-models version 2 on churn-prod, started at ` +
      `${FIRST_START}; this one started at ${rerun.startedAt}`;
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain(why);
    expect(post.statusCode).toBe(410);
    expect(post.body).toContain(why);
    expect(endpointChanges()).toEqual([]);
    expect((await deploymentItem())!.active.status).toBe('held');
  });

  it('promotes on the current hold’s link', async () => {
    // Prepare
    const rerun = await heldRerun();
    const token = linkToken(deploymentClaims('promote', rerun.id, rerun.startedAt));
    const page = await callLink(urlRequest('GET', 'promote', token));

    // Act
    const done = await callLink(urlRequest('POST', 'promote', token, { nonce: pageNonce(page.body)! }));

    // Assess
    expect(done.statusCode).toBe(200);
    const configs = sagemaker.commandCalls(CreateEndpointConfigCommand).map((c) => c.args[0].input);
    expect(configs.at(-1)?.ProductionVariants).toEqual([
      expect.objectContaining({ VariantName: 'v2', InitialVariantWeight: 100 }),
    ]);
    expect((await deploymentItem())!.active.status).toBe('promoting');
  });
});

describe('a package deployed twice, both runs ended', () => {
  it('names the latest run’s outcome on the refusal page of a link from that run', async () => {
    // Prepare: v2 rolled back, approved again, and its second run promoted; both runs have one deployment id
    setClock(LINK_NOW);
    const id = deploymentId('churn-prod', packageArn(2));
    const ended = (outcome: string, at: string) => ({ id, modelPackageArn: packageArn(2), outcome, at });
    await putItem({
      ...{ pk: 'ENDPOINT#churn-prod', sk: 'DEPLOYMENT', endpoint: 'churn-prod', version: 9, outbox: {} },
      history: [ended('rolled_back', '2026-11-26T22:00:00.000Z'), ended('promoted', '2026-11-27T02:00:00.000Z')],
      recent: [packageArn(2)],
      created: { models: [], configs: [] },
    });
    const token = linkToken(deploymentClaims('abort', id, '2026-11-27T00:00:00.000Z'));

    // Act
    const page = await callLink(urlRequest('GET', 'abort', token));

    // Assess
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('the deployment already ended: promoted at 2026-11-27T02:00:00.000Z');
    expect(endpointChanges()).toEqual([]);
  });
});
