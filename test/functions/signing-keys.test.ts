// The signing key ring approvalLink checks links against, as Secrets Manager answers it.
import { KEY, resetSecrets, secrets } from '../helpers/approval-links';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SigningKeys } from '../../shared/aws/signing-keys';

const SECRET = process.env.APPROVAL_KEY_SECRET!;

beforeEach(resetSecrets);

describe('the signing keys honoured', () => {
  it('are the current key alone when the previous one is too short ever to have signed a link', async () => {
    // Prepare: a short value was put by mistake, then replaced by a proper one
    secrets.on(GetSecretValueCommand, { VersionStage: 'AWSPREVIOUS' }).resolves({ SecretString: 'oops' });

    // Act
    const keys = await new SigningKeys(new SecretsManagerClient({}), SECRET).honoured();

    // Assess
    expect(keys).toEqual([KEY]);
  });

  it('refuse to check anything under a current key that is missing or short', async () => {
    // Prepare
    secrets.on(GetSecretValueCommand, { SecretId: SECRET }).resolves({ SecretString: 'short' });

    // Act
    const honoured = new SigningKeys(new SecretsManagerClient({}), SECRET).honoured();

    // Assess
    await expect(honoured).rejects.toThrow('the approval signing key (AWSCURRENT) is missing or shorter than 32');
  });
});
