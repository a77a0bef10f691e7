// AWS Systems Manager Parameter Store, enough to keep secrets such as the approval-link signing key
// out of configuration: plain and SecureString parameters, versions, and AWS's errors.
import { randomBytes } from 'node:crypto';
import { ACCOUNT, AwsError, REGION, type JsonService, type Timeline } from './core';
import type { Clock } from './clock';

type ParameterType = 'String' | 'StringList' | 'SecureString';

interface Parameter {
  name: string;
  type: ParameterType;
  value: string;
  /** What GetParameter answers for a SecureString without WithDecryption: opaque, as KMS ciphertext is. */
  ciphertext: string;
  version: number;
  modified: Date;
  description?: string;
}

const TYPES: readonly string[] = ['String', 'StringList', 'SecureString'];
const NAME = /^\/?[a-zA-Z0-9_.-]+(\/[a-zA-Z0-9_.-]+)*$/;
const MAX_VALUE = 4096;

const arnOf = (name: string) => `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter${name.startsWith('/') ? '' : '/'}${name}`;
const notFound = (name: string) => new AwsError('ParameterNotFound', `Parameter ${name} not found.`);

export class SsmEmulator {
  private readonly parameters = new Map<string, Parameter>();

  constructor(private readonly opts: { clock: Clock; timeline?: Timeline }) {}

  readonly handle: JsonService = (operation, input) => {
    switch (operation) {
      case 'GetParameter':
        return { Parameter: this.view(this.get(String(input.Name ?? '')), input.WithDecryption === true) };
      case 'GetParameters':
        return this.getParameters(input);
      case 'PutParameter':
        return this.put(input);
      default:
        throw new AwsError('InvalidAction', `The local cloud does not emulate SSM ${operation}`);
    }
  };

  /** Seeds a parameter without going through the API, e.g. a generated signing key at boot. */
  seed(name: string, value: string, type: ParameterType = 'SecureString'): void {
    this.put({ Name: name, Value: value, Type: type, Overwrite: true });
  }

  private get(nameOrArn: string): Parameter {
    const name = this.nameOf(nameOrArn);
    const parameter = this.parameters.get(name);
    if (!parameter) throw notFound(name);
    return parameter;
  }

  private getParameters(input: Record<string, unknown>): unknown {
    const names = Array.isArray(input.Names) ? input.Names.map(String) : [];
    if (names.length < 1 || names.length > 10) {
      const constraint = 'Member must have length between 1 and 10';
      throw new AwsError(
        'ValidationException',
        `1 validation error detected: Value at 'names' failed to satisfy constraint: ${constraint}`,
      );
    }
    const found = names.filter((n) => this.parameters.has(this.nameOf(n)));
    return {
      Parameters: found.map((n) => this.view(this.get(n), input.WithDecryption === true)),
      InvalidParameters: names.filter((n) => !found.includes(n)),
    };
  }

  private put(input: Record<string, unknown>): { Version: number; Tier: 'Standard' } {
    const { Name: name, Value: value, Type: type, Overwrite: overwrite, Description: description } = input;
    if (typeof name !== 'string' || !NAME.test(name) || name.length > 2048) {
      throw new AwsError(
        'ValidationException',
        'Parameter name must be at most 2048 characters of a-zA-Z0-9_.-/ with no empty path segment.',
      );
    }
    if (/^\/?(aws|ssm)/i.test(name))
      throw new AwsError('ValidationException', `No access to reserved parameter name: ${name}.`);
    if (typeof value !== 'string' || value.length === 0)
      throw new AwsError('ValidationException', 'Parameter value must not be empty.');
    if (value.length > MAX_VALUE) {
      throw new AwsError(
        'ValidationException',
        `Standard tier parameters support a maximum parameter value of ${MAX_VALUE} characters.`,
      );
    }
    if (type !== undefined && !TYPES.includes(String(type)))
      throw new AwsError('ValidationException', `Invalid parameter type: ${String(type)}`);
    const existing = this.parameters.get(name);
    if (existing && overwrite !== true) {
      throw new AwsError(
        'ParameterAlreadyExists',
        'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
      );
    }
    if (!existing && type === undefined)
      throw new AwsError('ValidationException', 'A parameter type is required when you create a parameter.');

    const parameter: Parameter = {
      name,
      type: (type as ParameterType | undefined) ?? existing?.type ?? 'String',
      value,
      ciphertext: randomBytes(96).toString('base64'),
      version: (existing?.version ?? 0) + 1,
      modified: this.opts.clock.now(),
      ...(typeof description === 'string'
        ? { description }
        : existing?.description
          ? { description: existing.description }
          : {}),
    };
    this.parameters.set(name, parameter);
    // Never the value: the timeline is printed and secrets live here.
    this.opts.timeline?.log('ssm', `put ${name} (${parameter.type}) v${parameter.version}`);
    return { Version: parameter.version, Tier: 'Standard' };
  }

  // An ARN's `parameter/x` names either `/x` (hierarchical) or `x`; AWS writes both the same way.
  private nameOf(nameOrArn: string): string {
    const path = /^arn:aws:ssm:[^:]*:\d{12}:parameter(\/.*)$/.exec(nameOrArn)?.[1];
    if (path === undefined) return nameOrArn;
    return this.parameters.has(path) ? path : path.slice(1);
  }

  private view(p: Parameter, decrypt: boolean): Record<string, unknown> {
    return {
      Name: p.name,
      Type: p.type,
      Value: p.type === 'SecureString' && !decrypt ? p.ciphertext : p.value,
      Version: p.version,
      LastModifiedDate: p.modified,
      ARN: arnOf(p.name),
      DataType: 'text',
    };
  }
}
