// The approval pages on 127.0.0.1: each HTTP request becomes the Function URL event (payload 2.0) Lambda would
// give approvalLink, and the real handler answers it, as its URL does on AWS.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LambdaRuntime } from './lambda';

export interface ApprovalPages {
  /** The base URL links point at, like the Function URL's `https://<id>.lambda-url.<region>.on.aws/`. */
  url: string;
  close(): Promise<void>;
}

interface UrlResponse {
  statusCode?: number;
  headers?: Record<string, string>;
  body?: string;
  isBase64Encoded?: boolean;
}

const MAX_BODY = 64 * 1024;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The request as Lambda passes a Function URL request: lower-case headers, base64 body. */
function urlEvent(req: IncomingMessage, body: Buffer, host: string) {
  const url = new URL(req.url ?? '/', `http://${host}`);
  const headers = Object.fromEntries(
    Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(',') : String(v)]),
  );
  // A parameter given twice arrives once, its values joined by a comma (docs/approval-links.md).
  const names = [...new Set(url.searchParams.keys())];
  const query = names.length
    ? Object.fromEntries(names.map((n) => [n, url.searchParams.getAll(n).join(',')]))
    : undefined;
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(query ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: 'anonymous',
      apiId: 'local',
      domainName: host,
      domainPrefix: 'local',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length ? { body: body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0,
  };
}

export async function startApprovalPages(lambda: LambdaRuntime, functionName = 'approvalLink'): Promise<ApprovalPages> {
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const host = req.headers.host ?? '127.0.0.1';
      try {
        const out = (await lambda.invoke(functionName, urlEvent(req, body, host))) as UrlResponse;
        res.writeHead(out.statusCode ?? 200, out.headers ?? {});
        const payload = out.body ? Buffer.from(out.body, out.isBase64Encoded ? 'base64' : 'utf8') : undefined;
        res.end(req.method === 'HEAD' ? undefined : payload);
      } catch (err) {
        // What a Function URL answers when its function fails.
        res.writeHead(502, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ Message: 'Internal Server Error', error: String(err) }));
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
