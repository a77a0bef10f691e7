// How each wire protocol's request reaches its emulated service and how its answer or error goes back: JSON
// (X-Amz-Target), query (Action and Version in a form), and S3's REST GetObject. Apart from the HTTP server
// (./index.ts), which only reads requests, tells the protocols apart and sends the replies.
import { AwsError, type Faults, type JsonService } from '../core';
import { JSON_TARGETS, jsonError, parseTarget, toWireJson, type JsonTarget } from './json';
import {
  CLOUDFORMATION_VERSION,
  CLOUDFORMATION_XMLNS,
  parseForm,
  SNS_XMLNS,
  STS_VERSION,
  STS_XMLNS,
  xmlError,
  xmlReply,
  type QueryService,
} from './query';

/** The emulated services and what sees each request before them. */
export interface Answering {
  services: {
    sagemaker?: JsonService;
    events?: JsonService;
    ssm?: JsonService;
    cloudwatch?: JsonService;
    /** Application Auto Scaling (SageMaker endpoint variants). */
    autoscaling?: JsonService;
    secretsmanager?: JsonService;
    sns?: QueryService;
    /** The stack's resources (`serverless invoke local`) and outputs (the `shepherd` CLI). */
    cloudformation?: QueryService;
    /** GetCallerIdentity: who a `shepherd` CLI user is. */
    sts?: QueryService;
    /** S3's REST GetObject: the path (`/<bucket>/<key>`) to the object's body. */
    s3?: (url: string) => { operation: string; body: string };
  };
  faults?: Faults;
  /** Sees every attempt, throttled ones included, so callers can count the SDK's retries. */
  onCall?: (service: string, operation: string) => void;
}

export interface Reply {
  status: number;
  contentType: string;
  headers?: Record<string, string>;
  body: string;
}

/** Unexpected exceptions are the emulator's bugs: answered as a 500 the SDK retries, then surfaces. */
const asAwsError = (err: unknown): AwsError =>
  err instanceof AwsError
    ? err
    : new AwsError('InternalFailure', err instanceof Error ? err.message : String(err), 500);

export async function handleJson(opts: Answering, header: string, body: string): Promise<Reply> {
  const parsed = parseTarget(header);
  const target: JsonTarget | undefined = parsed && JSON_TARGETS[parsed.prefix];
  const contentType = `application/x-amz-json-${target?.version ?? '1.1'}`;
  try {
    const service = target && opts.services[target.service];
    if (!parsed || !target || !service) {
      throw new AwsError(
        'UnknownOperationException',
        `The local cloud does not emulate the service for X-Amz-Target ${header}`,
      );
    }
    // Counted once past the injected faults: a throttled attempt never reached the service.
    opts.faults?.check(target.service);
    opts.onCall?.(target.service, parsed.operation);
    const input = parseJsonInput(body);
    const output = await service(parsed.operation, input);
    return { status: 200, contentType, body: toWireJson(output) };
  } catch (err) {
    const e = asAwsError(err);
    return {
      status: e.status,
      contentType,
      ...jsonError(target ?? { queryCompatible: false }, e.code, e.message, e.status),
    };
  }
}

export async function handleQuery(opts: Answering, body: string, requestId: string): Promise<Reply> {
  const contentType = 'text/xml';
  const params = parseForm(body);
  const { Action: action, Version: version, ...rest } = params;
  // Every query service posts to the same path; the API version tells them apart.
  const [name, xmlns] =
    version === CLOUDFORMATION_VERSION
      ? (['cloudformation', CLOUDFORMATION_XMLNS] as const)
      : version === STS_VERSION
        ? (['sts', STS_XMLNS] as const)
        : (['sns', SNS_XMLNS] as const);
  try {
    const service = opts.services[name];
    if (!action)
      throw new AwsError('MissingAction', 'Request is missing the Action parameter (or X-Amz-Target header)');
    if (!service)
      throw new AwsError('InvalidAction', `The local cloud does not emulate a query service for action ${action}`);
    opts.faults?.check(name);
    opts.onCall?.(name, action);
    const result = await service(action, rest);
    return { status: 200, contentType, body: xmlReply(action, result, requestId, xmlns) };
  } catch (err) {
    const e = asAwsError(err);
    return { status: e.status, contentType, body: xmlError(e.code, e.message, e.status, requestId) };
  }
}

export function handleS3(
  opts: Answering,
  s3: (url: string) => { operation: string; body: string },
  url: string,
  requestId: string,
): Reply {
  try {
    opts.faults?.check('s3');
    const { operation, body } = s3(url);
    opts.onCall?.('s3', operation);
    const contentType = operation === 'GetObject' ? 'application/octet-stream' : 'application/xml';
    return { status: 200, contentType, body };
  } catch (err) {
    const e = asAwsError(err);
    const body =
      '<?xml version="1.0" encoding="UTF-8"?>' +
      `<Error><Code>${e.code}</Code><Message>${e.message}</Message><RequestId>${requestId}</RequestId></Error>`;
    return { status: e.status, contentType: 'application/xml', body };
  }
}

function parseJsonInput(body: string): Record<string, unknown> {
  try {
    return body.length === 0 ? {} : (JSON.parse(body) as Record<string, unknown>);
  } catch {
    throw new AwsError('SerializationException', 'The request body is not valid JSON');
  }
}
