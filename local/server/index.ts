// One HTTP server on loopback that answers unchanged AWS SDK v3 clients (pointed at it through
// AWS_ENDPOINT_URL) for every emulated service, speaking each client's wire protocol.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
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

export { unflattenMap, type QueryService } from './query';

export const CLOCK_PATH = '/_local/clock';

export interface LocalServerOptions {
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
  /** The local cloud's clock, answered on `GET /_local/clock` for the CLI, whose decisions use its time. */
  clock?: () => { now: string; speed: number };
  faults?: Faults;
  /** Sees every attempt, throttled ones included, so callers can count the SDK's retries. */
  onCall?: (service: string, operation: string) => void;
}

export interface LocalServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

interface Reply {
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

export async function startLocalServer(opts: LocalServerOptions): Promise<LocalServer> {
  const server = createServer((req, res) => {
    const requestId = randomUUID();
    void handle(opts, req, requestId).then(
      (reply) => send(res, reply, requestId),
      (err: unknown) => send(res, { status: 500, contentType: 'text/plain', body: String(err) }, requestId),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // SDK clients keep sockets alive; without this, close() waits for their idle timeout.
        server.closeAllConnections();
      }),
  };
}

async function handle(opts: LocalServerOptions, req: IncomingMessage, requestId: string): Promise<Reply> {
  const body = await readBody(req);
  if (req.method === 'GET' && req.url === CLOCK_PATH && opts.clock) {
    return { status: 200, contentType: 'application/json', body: JSON.stringify(opts.clock()) };
  }
  if (req.method === 'GET' && opts.services.s3) return handleS3(opts, opts.services.s3, req.url ?? '/', requestId);
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return handleJson(opts, target, body);
  return handleQuery(opts, body, requestId);
}

async function handleJson(opts: LocalServerOptions, header: string, body: string): Promise<Reply> {
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

async function handleQuery(opts: LocalServerOptions, body: string, requestId: string): Promise<Reply> {
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

function handleS3(
  opts: LocalServerOptions,
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

// CloudWatch's client gzips PutMetricData bodies of 10 KB or more (@smithy/middleware-compression).
async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const encoding = String(req.headers['content-encoding'] ?? '');
  return (encoding.includes('gzip') ? gunzipSync(raw) : raw).toString('utf8');
}

function send(res: ServerResponse, reply: Reply, requestId: string): void {
  res.writeHead(reply.status, {
    'Content-Type': reply.contentType,
    'Content-Length': Buffer.byteLength(reply.body),
    'x-amzn-RequestId': requestId,
    ...reply.headers,
  });
  res.end(reply.body);
}
