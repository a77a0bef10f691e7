// One HTTP server on loopback that answers unchanged AWS SDK v3 clients (pointed at it through
// AWS_ENDPOINT_URL) for every emulated service, speaking each client's wire protocol.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { handleJson, handleQuery, handleS3, type Answering, type Reply } from './protocols';

export const CLOCK_PATH = '/_local/clock';

export interface LocalServerOptions extends Answering {
  /** The local cloud's clock, answered on `GET /_local/clock` for the CLI, whose decisions use its time. */
  clock?: () => { now: string; speed: number };
}

export interface LocalServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

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
