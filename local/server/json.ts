// The awsJson1_0/1_1 protocols: `X-Amz-Target: <prefix>.<Operation>`, a JSON body, a JSON reply.
// What the SDK reads back is set by @aws-sdk/core's AwsJsonRpcProtocol (dist-cjs/submodules/protocols):
// timestamps default to epoch seconds (JsonCodec2 `timestampFormat.default: 7`), and the error code
// comes from `__type`, then a `code` field, then the `x-amzn-errortype` header (loadJsonRpcErrorCode).

export interface JsonTarget {
  service: 'sagemaker' | 'events' | 'ssm' | 'cloudwatch' | 'autoscaling' | 'secretsmanager';
  version: '1.0' | '1.1';
  /** CloudWatch's JSON API keeps its old awsQuery error codes in `x-amzn-query-error: Code;Type`. */
  queryCompatible: boolean;
}

export const JSON_TARGETS: Readonly<Record<string, JsonTarget>> = {
  SageMaker: { service: 'sagemaker', version: '1.1', queryCompatible: false },
  AWSEvents: { service: 'events', version: '1.1', queryCompatible: false },
  AmazonSSM: { service: 'ssm', version: '1.1', queryCompatible: false },
  GraniteServiceVersion20100801: { service: 'cloudwatch', version: '1.0', queryCompatible: true },
  // @aws-sdk/client-application-auto-scaling: AwsJson1_1Protocol, serviceTarget AnyScaleFrontendService,
  // not awsQueryCompatible.
  AnyScaleFrontendService: { service: 'autoscaling', version: '1.1', queryCompatible: false },
  // @aws-sdk/client-secrets-manager: AwsJson1_1Protocol, serviceTarget secretsmanager.
  secretsmanager: { service: 'secretsmanager', version: '1.1', queryCompatible: false },
};

/** Splits `SageMaker.CreateTrainingJob`; undefined when the header is absent or malformed. */
export function parseTarget(header: string | undefined): { prefix: string; operation: string } | undefined {
  const dot = header?.lastIndexOf('.') ?? -1;
  if (!header || dot <= 0) return undefined;
  return { prefix: header.slice(0, dot), operation: header.slice(dot + 1) };
}

/**
 * Dates become epoch seconds (fractions kept) and non-finite doubles the strings Smithy JSON uses,
 * since JSON.stringify alone would write ISO strings and `null`.
 */
export function toWireJson(value: unknown): string {
  return JSON.stringify(value ?? {}, function (this: Record<string, unknown>, key: string, v: unknown) {
    const raw = this[key];
    if (raw instanceof Date) return raw.getTime() / 1000;
    if (typeof raw === 'number' && !Number.isFinite(raw))
      return Number.isNaN(raw) ? 'NaN' : raw > 0 ? 'Infinity' : '-Infinity';
    return v;
  });
}

export interface JsonErrorReply {
  headers: Record<string, string>;
  body: string;
}

export function jsonError(
  target: Pick<JsonTarget, 'queryCompatible'>,
  code: string,
  message: string,
  status: number,
): JsonErrorReply {
  const headers: Record<string, string> = { 'x-amzn-ErrorType': code };
  // In query mode the SDK takes the code from this header first and maps it to the modelled
  // exception through its `awsQueryError` trait (e.g. ValidationError → ValidationException).
  if (target.queryCompatible) headers['x-amzn-query-error'] = `${code};${status >= 500 ? 'Receiver' : 'Sender'}`;
  return { headers, body: JSON.stringify({ __type: code, message }) };
}
