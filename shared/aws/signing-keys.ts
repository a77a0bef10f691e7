// The approval links' signing key: a Secrets Manager secret the stack generates, read through Powertools
// Parameters and cached for a few minutes per cold start. Links are signed with AWSCURRENT and accepted under
// AWSCURRENT or AWSPREVIOUS, so a rotation leaves every link sent before it working (docs/approval-links.md).
// sendApprovalLinks may read a rotated key before approvalLink's cache expires: a link no cached key verifies makes
// approvalLink read the secret again, at most once a minute, so forged links cannot make every request a read.
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { ResourceNotFoundException, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

const MAX_AGE_SECONDS = 300;
const REREAD_AFTER_MS = 60_000;

const MIN_KEY_LENGTH = 32;

const keyOf = (value: unknown): string =>
  typeof value === 'string' ? value : value instanceof Uint8Array ? Buffer.from(value).toString() : '';

const asKey = (value: unknown, stage: string): string => {
  const key = keyOf(value);
  if (key.length < MIN_KEY_LENGTH)
    throw new Error(`the approval signing key (${stage}) is missing or shorter than ${MIN_KEY_LENGTH} characters`);
  return key;
};

export class SigningKeys {
  // Powertools caches by name alone, not by version stage: one provider per stage keeps the two apart.
  private readonly current: SecretsProvider;
  private readonly previous: SecretsProvider;
  private noPreviousUntil = 0;
  private rereadAt = 0;

  constructor(
    client: SecretsManagerClient,
    private readonly secretId: string,
  ) {
    this.current = new SecretsProvider({ awsSdkV3Client: client });
    this.previous = new SecretsProvider({ awsSdkV3Client: client });
  }

  /** The key new links are signed with. */
  async signing(forceFetch = false): Promise<string> {
    return asKey(await this.current.get(this.secretId, { maxAge: MAX_AGE_SECONDS, forceFetch }), 'AWSCURRENT');
  }

  /** Every key a link may be signed with: the current one, then the previous one while a rotation's links live. */
  async honoured(forceFetch = false): Promise<string[]> {
    const current = await this.signing(forceFetch);
    if (!forceFetch && Date.now() < this.noPreviousUntil) return [current];
    try {
      const sdkOptions = { VersionStage: 'AWSPREVIOUS' };
      const previous = await this.previous.get(this.secretId, { maxAge: MAX_AGE_SECONDS, forceFetch, sdkOptions });
      if (previous === undefined) return [current];
      // A read past the cache found the secret rotated: the memory of no previous version is stale, and would
      // refuse every link sent before the rotation until it ran out.
      this.noPreviousUntil = 0;
      // A short previous value (put by mistake, then replaced) never signed a link, as signing refuses it: honouring
      // the current key alone keeps the links working, where refusing it would fail every link until the next rotation.
      const older = keyOf(previous);
      return older.length < MIN_KEY_LENGTH ? [current] : [current, older];
    } catch (err) {
      // A secret never rotated has no AWSPREVIOUS version: remembered as long as a value would be cached.
      if ((err as Error).cause instanceof ResourceNotFoundException) {
        this.noPreviousUntil = Date.now() + MAX_AGE_SECONDS * 1000;
        return [current];
      }
      throw err;
    }
  }

  /** The keys read again past the cache, for a link the cached ones refused; undefined if read within a minute. */
  async reread(): Promise<string[] | undefined> {
    if (Date.now() < this.rereadAt) return undefined;
    this.rereadAt = Date.now() + REREAD_AFTER_MS;
    return this.honoured(true);
  }
}
