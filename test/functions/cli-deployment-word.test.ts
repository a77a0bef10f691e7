// `shepherd abort` / `promote` with credentials AWS refuses a request to: the word is decided and recorded all the
// same (the reconciler makes the request with its own role), and the operator reads that, not only AWS's refusal.
import { SageMakerServiceException, UpdateEndpointWeightsAndCapacitiesCommand } from '@aws-sdk/client-sagemaker';
import { deploymentWord } from '../../shared/cli/steer';
import { store } from '../../shared/runtime/clients';
import { ActionError } from '../../shared/cli/errors';
import { lineNamed } from '../../shared/runtime/lines';
import type { DeployedLine } from '../../shared/domain/deployment/line';
import { sagemaker } from '../helpers/aws';
import { bakingCanary } from '../helpers/canary';
import { createTable, deploymentItem } from '../helpers/dynamo';
import { resetHosting } from '../helpers/hosting';
import { freshWorld } from '../helpers/function-world';
import { accessDenied, cliOperator } from '../helpers/operator';

const churn = lineNamed('churn')! as DeployedLine;
const ana = { who: 'arn:aws:iam::123456789012:user/ana', why: 'pager', via: 'shepherd CLI' };

beforeAll(createTable);
beforeEach(() => freshWorld({ clock: '2026-11-27T05:00:00Z', alsoReset: [resetHosting] }));

describe('shepherd abort, refused a request by AWS after the abort was decided', () => {
  it('says the abort stands and who makes the request, with exit code 1', async () => {
    // Prepare
    await bakingCanary();
    sagemaker.on(UpdateEndpointWeightsAndCapacitiesCommand).rejects(accessDenied());

    // Act
    const said = await deploymentWord({ operator: cliOperator(), store: store() }, churn, 'abort', ana).then(
      () => undefined,
      (err: unknown) => err,
    );

    // Assess
    expect((await deploymentItem())?.active).toMatchObject({ status: 'draining', weight: 0 });
    expect(said).toBeInstanceOf(ActionError);
    expect((said as ActionError).exitCode).toBe(1);
    const message = (said as ActionError).message;
    expect(message).toMatch(/^churn-prod: the abort is decided and recorded \(already rolling back: .*\), /);
    expect(message).toMatch(
      /, but AWS refused you a request it needs \(AccessDeniedException: User: .* not authorized/,
    );
    expect(message).toMatch(/\): Shepherd's reconciler makes it with its own role within a minute$/);
  });

  it('passes a refusal before anything was decided on as it is', async () => {
    // Prepare: nothing deployed, and the read of the endpoint's deployment refused
    const failing = { decideDeployment: () => Promise.reject(accessDenied()) };

    // Act
    const said = deploymentWord({ operator: failing, store: store() }, churn, 'abort', ana);

    // Assess
    await expect(said).rejects.toThrow(SageMakerServiceException);
  });
});
