// A confirmation page's button pressed twice (or a POST retried while the first still runs): the second finds the
// link's own first word on the package, still being carried out. It must not mark the link used, as the first may
// yet fail and leave the package waiting, with the link the only way to finish it.
import { listenToMetrics } from '../helpers/emf';
import {
  approvalClaims,
  callLink,
  freshLinkWorld,
  KEY,
  LINK_NOW,
  LINK_PACKAGE,
  linkToken,
  pageNonce,
  urlRequest,
} from '../helpers/approval-links';
import { UpdateModelPackageCommand } from '@aws-sdk/client-sagemaker';
import { formNonce } from '../../shared/domain/approval/token';
import { sagemaker } from '../helpers/aws';
import { createTable } from '../helpers/dynamo';

const approve = approvalClaims('double-submit-nonce-01');
const updates = () => sagemaker.commandCalls(UpdateModelPackageCommand).map((c) => c.args[0].input);
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((resolve) => setImmediate(resolve));
  if (!condition()) throw new Error('the condition never held');
}

/**
 * SageMaker's first UpdateModelPackage hangs until `refuse` fails it for good (no permission); later ones succeed.
 * Returns `refuse`, to be called once that first request was sent.
 */
function firstUpdateHangsUntilRefused(): () => void {
  let reject!: (err: Error) => void;
  const denied = Object.assign(new Error('not authorized'), {
    name: 'AccessDeniedException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
  });
  sagemaker
    .on(UpdateModelPackageCommand)
    .callsFakeOnce(() => new Promise((_, fail) => (reject = fail)))
    .resolves({ ModelPackageArn: LINK_PACKAGE });
  return () => reject(denied);
}

const emf = listenToMetrics();
beforeAll(createTable);
beforeEach(async () => {
  await freshLinkWorld();
  emf.clear();
});
afterAll(() => emf.stop());

it('still finishes the decision when the first of two POSTs fails after the second answered', async () => {
  // Prepare: the first POST's UpdateModelPackage hangs until SageMaker refuses it; later ones succeed
  const token = linkToken(approve);
  const nonce = pageNonce((await callLink(urlRequest('GET', 'approve', token))).body)!;
  const refuse = firstUpdateHangsUntilRefused();
  const first = callLink(urlRequest('POST', 'approve', token, { nonce }));
  await until(() => updates().length === 1);

  // Act
  const second = await callLink(urlRequest('POST', 'approve', token, { nonce }));
  refuse();
  const failed = await first;
  const third = await callLink(urlRequest('POST', 'approve', token, { nonce }));

  // Assess
  expect([second.statusCode, failed.statusCode, third.statusCode]).toEqual([202, 502, 200]);
  expect(second.body).toContain('under way');
  expect(updates().map((u) => u.ModelApprovalStatus)).toEqual(['Approved', 'Approved']);
});

it('finishes the decision of a POST that died before telling SageMaker, once the claim’s lease ran out', async () => {
  // Prepare: the first POST claims the package, then dies in UpdateModelPackage (it never answers)
  const token = linkToken(approve);
  const nonce = pageNonce((await callLink(urlRequest('GET', 'approve', token))).body)!;
  sagemaker
    .on(UpdateModelPackageCommand)
    .callsFakeOnce(() => new Promise(() => {}))
    .resolves({ ModelPackageArn: LINK_PACKAGE });
  // It ends at its timeout: that end is expected, and must not surface in a later test file.
  callLink(urlRequest('POST', 'approve', token, { nonce })).catch(() => undefined);
  await until(() => updates().length === 1);

  // Act: the approver presses again at once, then after the 3-minute lease of the dead POST's work
  const atOnce = await callLink(urlRequest('POST', 'approve', token, { nonce }));
  jest.setSystemTime(Date.parse(LINK_NOW) + 4 * 60_000);
  const later = await callLink(urlRequest('POST', 'approve', token, { nonce }));

  // Assess
  expect([atOnce.statusCode, later.statusCode]).toEqual([202, 202]);
  expect(updates().map((u) => u.ModelApprovalStatus)).toEqual(['Approved', 'Approved']);
});

it('answers a link that found another word under way as decided, and lets it act should that word fail', async () => {
  // Prepare: two approve links for the package (its request was sent twice); the first link's POST hangs in
  // UpdateModelPackage until SageMaker refuses it
  const [first, second] = [approve, { ...approve, nonce: 'double-submit-nonce-02' }].map((claims) => ({
    token: linkToken(claims),
    nonce: formNonce(claims, KEY),
  }));
  const refuse = firstUpdateHangsUntilRefused();
  const firstPost = callLink(urlRequest('POST', 'approve', first!.token, { nonce: first!.nonce }));
  await until(() => updates().length === 1);

  // Act
  const meanwhile = await callLink(urlRequest('POST', 'approve', second!.token, { nonce: second!.nonce }));
  const usedMeanwhile = emf.metrics().ApprovalLinksUsed;
  refuse();
  await firstPost;
  const again = await callLink(urlRequest('POST', 'approve', second!.token, { nonce: second!.nonce }));

  // Assess: the second link did nothing the first time, and says who decided; it approves once the first failed
  expect([meanwhile.statusCode, again.statusCode]).toEqual([409, 200]);
  expect(meanwhile.body).toContain('This was already decided');
  expect(meanwhile.body).toContain('churn-models/7 is already approved by ml-leads@example.com');
  expect(usedMeanwhile).toBeUndefined();
  expect(emf.metrics().ApprovalLinksUsed).toBe(1);
  expect(updates().map((u) => u.ModelApprovalStatus)).toEqual(['Approved', 'Approved']);
});
