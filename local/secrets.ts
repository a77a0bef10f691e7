// AWS Secrets Manager as approval links use it: a secret generated at boot (as the stack's GenerateSecretString
// does), GetSecretValue by name or ARN and version stage, and PutSecretValue, which rotates: the new version
// becomes AWSCURRENT and the one it replaces AWSPREVIOUS, as Secrets Manager moves the labels.
import { randomBytes, randomUUID } from 'node:crypto';
import { ACCOUNT, AwsError, REGION, type JsonService } from './core';
import type { Clock } from './clock';

interface Version {
  id: string;
  value: string;
  stages: string[];
  created: Date;
}

interface Secret {
  name: string;
  arn: string;
  versions: Version[];
}

const notFound = (what: string) =>
  new AwsError('ResourceNotFoundException', `Secrets Manager can't find the specified secret${what}.`, 400);

export class SecretsManagerEmulator {
  private readonly secrets = new Map<string, Secret>();

  constructor(private readonly opts: { clock: Clock }) {}

  readonly handle: JsonService = (operation, input) => {
    switch (operation) {
      case 'GetSecretValue':
        return this.getValue(String(input.SecretId ?? ''), input.VersionStage as string | undefined);
      case 'PutSecretValue':
        return this.putValue(String(input.SecretId ?? ''), String(input.SecretString ?? ''));
      default:
        throw new AwsError('InvalidAction', `The local cloud does not emulate Secrets Manager ${operation}`);
    }
  };

  /** A secret of 64 letters and digits, as `GenerateSecretString` with `ExcludePunctuation` makes; its ARN. */
  generate(name: string): string {
    const arn = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${name}-${randomBytes(3).toString('hex')}`;
    this.secrets.set(name, { name, arn, versions: [] });
    this.putValue(
      name,
      randomBytes(48)
        .toString('base64')
        .replace(/[^A-Za-z0-9]/g, '')
        .slice(0, 64)
        .padEnd(64, 'x'),
    );
    return arn;
  }

  private find(secretId: string): Secret {
    const secret = [...this.secrets.values()].find((s) => s.name === secretId || s.arn === secretId);
    if (!secret) throw notFound('');
    return secret;
  }

  private getValue(secretId: string, stage = 'AWSCURRENT') {
    const secret = this.find(secretId);
    const version = secret.versions.find((v) => v.stages.includes(stage));
    if (!version) throw notFound(` value for staging label: ${stage}`);
    return {
      ARN: secret.arn,
      Name: secret.name,
      VersionId: version.id,
      SecretString: version.value,
      VersionStages: version.stages,
      CreatedDate: version.created,
    };
  }

  private putValue(secretId: string, value: string) {
    if (!value)
      throw new AwsError('InvalidParameterException', 'You must provide either SecretString or SecretBinary.');
    const secret = this.find(secretId);
    for (const v of secret.versions) v.stages = v.stages.filter((s) => s !== 'AWSPREVIOUS');
    for (const v of secret.versions) v.stages = v.stages.map((s) => (s === 'AWSCURRENT' ? 'AWSPREVIOUS' : s));
    const version = { id: randomUUID(), value, stages: ['AWSCURRENT'], created: this.opts.clock.now() };
    secret.versions.push(version);
    return { ARN: secret.arn, Name: secret.name, VersionId: version.id, VersionStages: version.stages };
  }
}
